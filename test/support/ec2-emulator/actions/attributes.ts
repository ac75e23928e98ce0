// Sharing images and snapshots: ModifyImageAttribute (launch permissions for accounts and the group `all`, the
// description), DescribeImageAttribute, ModifySnapshotAttribute (create-volume permissions) and
// DescribeSnapshotAttribute. Both the structured form (`LaunchPermission.Add.N.UserId/Group`) and the flat one
// (`OperationType` with `UserId.N` / `UserGroup.N`) are read, as EC2 reads them.

import { Ec2Error, invalidParameter, notFound } from '../errors.js';
import type { Action, ActionContext } from '../context.js';
import type { Snapshot } from '../model.js';
import { listParam, required, structParams, type Params } from '../query.js';
import { ownImage } from './images.js';

interface PermissionChange {
  add: boolean;
  userIds: string[];
  groups: string[];
  /** AWS Organizations (`LaunchPermission.Add.N.OrganizationArn`), images only. */
  organizations?: string[];
}

/** The permission changes of a request; `struct` is `LaunchPermission` or `CreateVolumePermission`. */
function permissionChanges(params: Params, struct: string): PermissionChange[] {
  const out: PermissionChange[] = [];
  for (const op of ['Add', 'Remove'] as const) {
    const items = structParams(params, `${struct}.${op}`);
    if (items.length > 0) {
      out.push({
        add: op === 'Add',
        userIds: items.flatMap((i) => i.get('UserId') ?? []),
        groups: items.flatMap((i) => i.get('Group') ?? []),
        organizations: items.flatMap((i) => i.get('OrganizationArn') ?? []),
      });
    }
  }
  const operation = params.get('OperationType');
  const userIds = listParam(params, 'UserId');
  const groups = listParam(params, 'UserGroup');
  // Packer 1.6.6 sends both forms, the flat one without OperationType; EC2 then goes by the structured one.
  if ((userIds.length > 0 || groups.length > 0) && (operation !== undefined || out.length === 0)) {
    if (operation !== 'add' && operation !== 'remove') throw invalidParameter('The request must contain the parameter OperationType (add or remove)');
    out.push({ add: operation === 'add', userIds, groups });
  }
  for (const c of out) for (const g of c.groups) if (g !== 'all') throw invalidParameter(`Invalid group: ${g}`);
  for (const c of out) for (const u of c.userIds) if (!/^\d{12}$/.test(u)) throw invalidParameter(`Invalid user id: ${u}`);
  return out;
}

function applyChanges(changes: PermissionChange[], users: Set<string>, setPublic: (v: boolean) => void): void {
  for (const c of changes) {
    for (const u of c.userIds) {
      if (c.add) users.add(u);
      else users.delete(u);
    }
    if (c.groups.length > 0) setPublic(c.add);
  }
}

const permissionList = (users: Iterable<string>, isPublic: boolean) => [...(isPublic ? [{ group: 'all' }] : []), ...[...users].map((userId) => ({ userId }))];

export const modifyImageAttribute: Action = (ctx) => {
  const image = ownImage(ctx, required(ctx.params, 'ImageId'));
  const changes = permissionChanges(ctx.params, 'LaunchPermission');
  const description = ctx.params.get('Description.Value') ?? (ctx.params.get('Attribute') === 'description' ? ctx.params.get('Value') : undefined);
  if (changes.length === 0 && description === undefined) throw new Ec2Error('MissingParameter', 'The request must contain the parameter launchPermission or description');
  applyChanges(changes, image.launchPermissions, (v) => (image.isPublic = v));
  for (const c of changes) {
    for (const arn of c.organizations ?? []) {
      if (!/^arn:aws[a-z-]*:organizations::\d{12}:organization\/o-[a-z0-9]{10,32}$/.test(arn)) throw invalidParameter(`Invalid organization ARN: ${arn}`);
      image.launchOrganizations ??= new Set();
      if (c.add) image.launchOrganizations.add(arn);
      else image.launchOrganizations.delete(arn);
    }
  }
  if (description !== undefined) image.description = description;
  return { return: true };
};

export const describeImageAttribute: Action = (ctx) => {
  const image = ownImage(ctx, required(ctx.params, 'ImageId'));
  const attribute = required(ctx.params, 'Attribute');
  const answers: Record<string, () => Record<string, unknown>> = {
    launchPermission: () => ({ launchPermission: permissionList(image.launchPermissions, image.isPublic) }),
    description: () => ({ description: image.description === undefined ? undefined : { value: image.description } }),
    sriovNetSupport: () => ({ sriovNetSupport: image.sriovNetSupport === undefined ? undefined : { value: image.sriovNetSupport } }),
    bootMode: () => ({ bootMode: image.bootMode === undefined ? undefined : { value: image.bootMode } }),
    blockDeviceMapping: () => ({
      blockDeviceMapping: image.blockDevices.map((d) => ({ deviceName: d.deviceName, ebs: { snapshotId: d.snapshotId, volumeSize: d.volumeSize, volumeType: d.volumeType, encrypted: d.encrypted } })),
    }),
  };
  const answer = answers[attribute];
  if (!answer) throw invalidParameter(`Value (${attribute}) for parameter attribute is invalid. Unknown attribute.`);
  return { imageId: image.id, ...(answer() as Record<string, never>) };
};

function ownSnapshot({ params, caller, store }: ActionContext): Snapshot {
  const id = required(params, 'SnapshotId');
  const snap = store.get(id);
  if (!snap || snap.kind !== 'snapshot' || snap.region !== caller.region || snap.ownerId !== caller.account) {
    throw notFound('InvalidSnapshot.NotFound', `The snapshot '${id}' does not exist.`);
  }
  return snap;
}

export const modifySnapshotAttribute: Action = (ctx) => {
  const snap = ownSnapshot(ctx);
  const attribute = ctx.params.get('Attribute') ?? 'createVolumePermission';
  if (attribute !== 'createVolumePermission') throw invalidParameter(`Value (${attribute}) for parameter attribute is invalid.`);
  const changes = permissionChanges(ctx.params, 'CreateVolumePermission');
  if (changes.length === 0) throw new Ec2Error('MissingParameter', 'The request must contain the parameter createVolumePermission');
  if (snap.encrypted && changes.some((c) => c.add && c.groups.length > 0)) throw invalidParameter('Encrypted snapshots with EBS default key cannot be shared');
  snap.createVolumePermissions ??= new Set();
  applyChanges(changes, snap.createVolumePermissions, (v) => (snap.isPublic = v));
  return { return: true };
};

export const describeSnapshotAttribute: Action = (ctx) => {
  const snap = ownSnapshot(ctx);
  const attribute = required(ctx.params, 'Attribute');
  if (attribute !== 'createVolumePermission') throw invalidParameter(`Value (${attribute}) for parameter attribute is invalid.`);
  return { snapshotId: snap.id, createVolumePermission: permissionList(snap.createVolumePermissions ?? [], snap.isPublic ?? false) };
};
