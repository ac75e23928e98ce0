import { CreateTagsCommand, EnableImageDeprecationCommand, ModifyImageAttributeCommand, ModifySnapshotAttributeCommand } from '@aws-sdk/client-ec2';
import type { Step } from '../../../src/engine/steps.js';
import { mergedTags } from '../../../src/providers/aws/tag-blocks.js';
import { Value } from '../../../src/value/value.js';
import { ec2Call } from '../ec2-call.js';
import { renderGenerated, renderTags } from '../generated-text.js';
import type { EbsState } from '../state.js';

/** Every AMI of the artifact: [region, id]. */
const amisOf = (state: EbsState) => [...state.amis].sort(([a], [b]) => (a < b ? -1 : 1));

/** Packer's StepEnableDeprecation: deprecate_at on every AMI. */
export const stepDeprecation: Step<EbsState> = {
  name: 'StepEnableDeprecation',
  run: async (state, ctx) => {
    const at = state.config.deprecate_at;
    if (!at) return;
    for (const [region, id] of amisOf(state)) {
      ctx.ui.say(`Enabling deprecation on AMI (${id}) in region ${region} ...`);
      await ec2Call(ctx.signal, `Error enabling deprecation on AMI ${id}`, (o) => state.clientFor(region).send(new EnableImageDeprecationCommand({ ImageId: id, DeprecateAt: new Date(at) }), o));
    }
  },
};

/** Packer's StepModifyAMIAttributes: description, launch permissions (users, groups, organizations), snapshot permissions. */
export const stepModifyAttributes: Step<EbsState> = {
  name: 'StepModifyAMIAttributes',
  run: async (state, ctx) => {
    const c = state.config;
    const description = c.ami_description ? renderGenerated(c.ami_description, state.data, 'ami_description') : '';
    const users = c.ami_users ?? [];
    const groups = c.ami_groups ?? [];
    const orgs = c.ami_org_arns ?? [];
    const snapUsers = c.snapshot_users ?? [];
    const snapGroups = c.snapshot_groups ?? [];
    if (!description && users.length + groups.length + orgs.length + snapUsers.length + snapGroups.length === 0) return;
    for (const [region, id] of amisOf(state)) {
      const ec2 = state.clientFor(region);
      ctx.ui.say(`Modifying attributes on AMI (${id})...`);
      if (description) {
        ctx.ui.message('Modifying: description');
        await ec2Call(ctx.signal, `Error modifying AMI attributes: description of ${id}`, (o) => ec2.send(new ModifyImageAttributeCommand({ ImageId: id, Description: { Value: description } }), o));
      }
      if (users.length + groups.length + orgs.length > 0) {
        ctx.ui.message('Modifying: launchPermission');
        const Add = [...users.map((UserId) => ({ UserId })), ...groups.map((Group) => ({ Group: Group as 'all' })), ...orgs.map((OrganizationArn) => ({ OrganizationArn }))];
        await ec2Call(ctx.signal, `Error modifying AMI attributes: launch permission of ${id}`, (o) =>
          ec2.send(new ModifyImageAttributeCommand({ ImageId: id, LaunchPermission: { Add } }), o),
        );
      }
      if (snapUsers.length + snapGroups.length === 0) continue;
      for (const snap of state.snapshots.get(id) ?? []) {
        ctx.ui.say(`Modifying attributes on snapshot (${snap})...`);
        await ec2Call(ctx.signal, `Error modifying snapshot attributes of ${snap}`, (o) =>
          ec2.send(
            new ModifySnapshotAttributeCommand({
              SnapshotId: snap,
              Attribute: 'createVolumePermission',
              OperationType: 'add',
              UserIds: snapUsers.length ? snapUsers : undefined,
              GroupNames: snapGroups.length ? snapGroups : undefined,
            }),
            o,
          ),
        );
      }
    }
  },
};

/** Packer's StepCreateTags: tags on every AMI; on their snapshots the AMI's tags with snapshot_tags over them. */
export const stepCreateTags: Step<EbsState> = {
  name: 'StepCreateTags',
  run: async (state, ctx) => {
    const c = state.config;
    const amiTagsIn = mergedTags(c.tags, c.tag);
    const snapTagsIn = mergedTags(c.snapshot_tags, c.snapshot_tag);
    if (!amiTagsIn && !snapTagsIn) return;
    for (const [region, id] of amisOf(state)) {
      // BuildRegion is the region being tagged, as Packer renders it for each copy.
      const data = { ...state.data, BuildRegion: Value.string(region) };
      const amiTags = renderTags(amiTagsIn, data, 'tags');
      const snapTags = { ...amiTags, ...renderTags(snapTagsIn, data, 'snapshot_tags') };
      const ec2 = state.clientFor(region);
      ctx.ui.say(`Adding tags to AMI (${id})...`);
      const toList = (t: Record<string, string>) => Object.entries(t).map(([Key, Value]) => ({ Key, Value }));
      if (Object.keys(amiTags).length > 0) {
        for (const [k, v] of Object.entries(amiTags)) ctx.ui.message(`Adding tag: "${k}": "${v}"`);
        await ec2Call(ctx.signal, `Error adding tags to AMI (${id})`, (o) => ec2.send(new CreateTagsCommand({ Resources: [id], Tags: toList(amiTags) }), o));
      }
      const snaps = state.snapshots.get(id) ?? [];
      if (snaps.length > 0 && Object.keys(snapTags).length > 0) {
        for (const s of snaps) ctx.ui.message(`Tagging snapshot: ${s}`);
        for (const [k, v] of Object.entries(snapTags)) ctx.ui.message(`Adding tag: "${k}": "${v}"`);
        await ec2Call(ctx.signal, `Error adding tags to snapshots of AMI (${id})`, (o) => ec2.send(new CreateTagsCommand({ Resources: snaps, Tags: toList(snapTags) }), o));
      }
    }
  },
};
