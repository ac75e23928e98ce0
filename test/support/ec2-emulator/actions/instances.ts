// RunInstances, DescribeInstances, StopInstances, StartInstances and TerminateInstances, with the states on
// timers: pending -> running, stopping -> stopped, shutting-down -> terminated (volumes deleted on termination
// are deleted then, the others become available). RunInstances is idempotent by ClientToken, as in EC2.

import { Ec2Error, invalidParameter, notFound } from '../errors.js';
import { applyFilters } from '../filters.js';
import { INSTANCE_FILTERS, renderInstance, stateOf } from '../instances.js';
import { visibleTo } from '../images.js';
import type { Action, ActionContext } from '../context.js';
import type { Image, Instance, InstanceState, Volume } from '../model.js';
import { paginate } from '../paginate.js';
import { boolParam, filterParams, intParam, listParam, required, structParams, tagSpecifications } from '../query.js';
import { nowIso } from '../store.js';

const INSTANCE_ID = /^i-[0-9a-f]{8,17}$/;

function checkLaunch({ params, caller, store, settings }: ActionContext) {
  const imageId = required(params, 'ImageId');
  const image = store.get(imageId);
  if (!image || image.kind !== 'image' || image.region !== caller.region || !visibleTo(image, caller) || image.state !== 'available') {
    throw notFound('InvalidAMIID.NotFound', `The image id '[${imageId}]' does not exist`);
  }
  const instanceType = params.get('InstanceType') ?? 'm1.small';
  if (!settings.instanceTypes.includes(instanceType)) throw invalidParameter(`The following supplied instance types do not exist: [${instanceType}]`);
  const keyName = params.get('KeyName');
  if (keyName !== undefined && !store.list('key-pair', caller.region).some((k) => k.name === keyName)) {
    throw notFound('InvalidKeyPair.NotFound', `The key pair '${keyName}' does not exist`);
  }
  const groupIds = listParam(params, 'SecurityGroupId');
  for (const name of listParam(params, 'SecurityGroup')) {
    const g = store.list('security-group', caller.region).find((s) => s.name === name);
    if (!g) throw notFound('InvalidGroup.NotFound', `The security group '${name}' does not exist in default VPC`);
    groupIds.push(g.id);
  }
  for (const id of groupIds) {
    const g = store.get(id);
    if (!g || g.kind !== 'security-group' || g.region !== caller.region) throw notFound('InvalidGroup.NotFound', `The security group '${id}' does not exist`);
  }
  const max = intParam(params, 'MaxCount') ?? 1;
  const min = intParam(params, 'MinCount') ?? 1;
  if (min < 1 || max < min) throw invalidParameter(`Invalid value '${max}' for MaxCount`);
  return { image, instanceType, keyName, groupIds, count: max };
}

/** Creates and attaches the instance's volumes: the image's block devices, changed or added by BlockDeviceMapping.N. */
function launchVolumes(ctx: ActionContext, instance: Instance, az: string, tags: ReadonlyMap<string, string> | undefined, image: Image) {
  const overrides = new Map(structParams(ctx.params, 'BlockDeviceMapping').map((m) => [m.get('DeviceName') ?? '', m]));
  const devices = image.blockDevices.map((d) => ({ ...d }));
  for (const [name, m] of overrides) {
    if (m.has('NoDevice')) continue;
    let d = devices.find((x) => x.deviceName === name);
    if (!d) devices.push((d = { deviceName: name, volumeSize: 8, volumeType: 'gp2', deleteOnTermination: true, encrypted: false }));
    d.volumeSize = intParam(m, 'Ebs.VolumeSize') ?? d.volumeSize;
    d.volumeType = m.get('Ebs.VolumeType') ?? d.volumeType;
    d.deleteOnTermination = boolParam(m, 'Ebs.DeleteOnTermination') ?? d.deleteOnTermination;
    d.encrypted = boolParam(m, 'Ebs.Encrypted') ?? d.encrypted;
  }
  for (const d of devices.filter((x) => !overrides.get(x.deviceName)?.has('NoDevice'))) {
    const volume = ctx.store.add<Volume>({
      kind: 'volume',
      id: ctx.store.newId('vol'),
      region: instance.region,
      ownerId: instance.ownerId,
      size: d.volumeSize,
      volumeType: d.volumeType,
      snapshotId: d.snapshotId,
      availabilityZone: az,
      state: 'in-use',
      encrypted: d.encrypted,
      createTime: instance.launchTime,
      attachment: { instanceId: instance.id, device: d.deviceName, deleteOnTermination: d.deleteOnTermination, attachTime: instance.launchTime },
      tags: new Map(tags),
      seeded: false,
    });
    instance.volumes.set(d.deviceName, volume.id);
  }
}

/**
 * The instances an earlier RunInstances with the same ClientToken launched, answered again as EC2 does (whatever
 * state they are in now); EC2's error when the token comes back with another image or instance type.
 */
function launchedBefore({ params, caller, store }: ActionContext) {
  const token = params.get('ClientToken');
  if (!token) return undefined;
  const earlier = store.list('instance', caller.region).filter((i) => i.ownerId === caller.account && i.clientToken === token);
  if (earlier.length === 0) return undefined;
  const first = earlier[0]!;
  if (params.get('ImageId') !== first.imageId || (params.get('InstanceType') ?? 'm1.small') !== first.instanceType) {
    throw new Ec2Error('IdempotentParameterMismatch', `Arguments on this idempotent request are inconsistent with arguments used in previous request(s).`);
  }
  return { reservationId: first.reservationId, ownerId: caller.account, groupSet: [], instancesSet: earlier.map((i) => renderInstance(i, store)) };
}

export const runInstances: Action = (ctx) => {
  const again = launchedBefore(ctx);
  if (again) return again;
  const { params, caller, store, settings } = ctx;
  const { image, instanceType, keyName, groupIds, count } = checkLaunch(ctx);
  const tags = tagSpecifications(params);
  const az = params.get('Placement.AvailabilityZone') ?? `${caller.region}a`;
  const reservationId = store.newId('r');
  const instances: Instance[] = [];
  for (let n = 0; n < count; n++) {
    const instance = store.add<Instance>({
      kind: 'instance',
      id: store.newId('i'),
      region: caller.region,
      ownerId: caller.account,
      reservationId,
      imageId: image.id,
      instanceType,
      state: 'pending',
      launchTime: nowIso(),
      availabilityZone: az,
      keyName,
      securityGroupIds: groupIds,
      subnetId: params.get('SubnetId') ?? 'subnet-0emulator0000000',
      vpcId: 'vpc-0emulator00000000',
      ...settings.addresses,
      architecture: image.architecture,
      rootDeviceName: image.rootDeviceName,
      rootDeviceType: image.rootDeviceType,
      virtualizationType: image.virtualizationType,
      ebsOptimized: boolParam(params, 'EbsOptimized') ?? false,
      enaSupport: image.enaSupport,
      iamInstanceProfile: params.get('IamInstanceProfile.Arn') ?? (params.has('IamInstanceProfile.Name') ? `arn:aws:iam::${caller.account}:instance-profile/${params.get('IamInstanceProfile.Name')}` : undefined),
      userData: params.get('UserData'),
      clientToken: params.get('ClientToken'),
      volumes: new Map(),
      tags: new Map(tags.get('instance')),
      seeded: false,
    });
    launchVolumes(ctx, instance, az, tags.get('volume'), image);
    instances.push(instance);
    moveLater(ctx, instance, 'pending', 'running', settings.delays.instanceRunning);
  }
  return { reservationId, ownerId: caller.account, groupSet: [], instancesSet: instances.map((i) => renderInstance(i, store)) };
};

/** Moves `instance` from `from` to `to` after `ms`, if nothing moved it meanwhile. */
function moveLater(ctx: ActionContext, instance: Instance, from: InstanceState, to: InstanceState, ms: number, then?: () => void) {
  ctx.scheduler.after(ms, () => {
    if (instance.state !== from) return;
    instance.state = to;
    then?.();
  });
}

function findInstances({ caller, store }: ActionContext, ids: string[]): Instance[] {
  for (const id of ids) if (!INSTANCE_ID.test(id)) throw new Ec2Error('InvalidInstanceID.Malformed', `Invalid id: "${id}"`);
  const mine = store.list('instance', caller.region).filter((i) => i.ownerId === caller.account);
  const missing = ids.filter((id) => !mine.some((i) => i.id === id));
  if (missing.length === 1) throw notFound('InvalidInstanceID.NotFound', `The instance ID '${missing[0]}' does not exist`);
  if (missing.length > 1) throw notFound('InvalidInstanceID.NotFound', `The instance IDs '${missing.join(', ')}' do not exist`);
  return ids.length === 0 ? mine : mine.filter((i) => ids.includes(i.id));
}

export const describeInstances: Action = (ctx) => {
  const ids = listParam(ctx.params, 'InstanceId');
  if (ids.length > 0 && ctx.params.has('MaxResults')) {
    throw new Ec2Error('InvalidParameterCombination', 'The parameter instancesSet cannot be used with the parameter maxResults');
  }
  const found = applyFilters(findInstances(ctx, ids), filterParams(ctx.params), INSTANCE_FILTERS);
  const { page, nextToken } = paginate(found, ctx.params, 'DescribeInstances');
  const reservations = [...new Set(page.map((i) => i.reservationId))].map((reservationId) => ({
    reservationId,
    ownerId: ctx.caller.account,
    groupSet: [],
    instancesSet: page.filter((i) => i.reservationId === reservationId).map((i) => renderInstance(i, ctx.store)),
  }));
  return { reservationSet: reservations, nextToken };
};

function changeStates(ctx: ActionContext, change: (i: Instance) => void) {
  const instances = findInstances(ctx, listParam(ctx.params, 'InstanceId'));
  if (instances.length === 0) throw new Ec2Error('MissingParameter', 'The request must contain the parameter InstanceId');
  return {
    instancesSet: instances.map((i) => {
      const previousState = stateOf(i.state);
      change(i);
      return { instanceId: i.id, currentState: stateOf(i.state), previousState };
    }),
  };
}

/** Releases an instance's volumes: deleted when marked so, detached otherwise. */
function releaseVolumes(ctx: ActionContext, instance: Instance) {
  for (const volumeId of instance.volumes.values()) {
    const v = ctx.store.get(volumeId);
    if (v?.kind !== 'volume') continue;
    if (v.attachment?.deleteOnTermination) ctx.store.delete(v.id);
    else {
      v.attachment = undefined;
      v.state = 'available';
    }
  }
}

export const terminateInstances: Action = (ctx) =>
  changeStates(ctx, (i) => {
    if (i.state === 'terminated' || i.state === 'shutting-down') return;
    i.state = 'shutting-down';
    moveLater(ctx, i, 'shutting-down', 'terminated', ctx.settings.delays.instanceTerminated, () => releaseVolumes(ctx, i));
  });

export const stopInstances: Action = (ctx) =>
  changeStates(ctx, (i) => {
    if (i.state === 'terminated' || i.state === 'shutting-down') throw new Ec2Error('IncorrectInstanceState', `This instance '${i.id}' is not in a state from which it can be stopped.`);
    if (i.state !== 'running' && i.state !== 'pending') return;
    i.state = 'stopping';
    moveLater(ctx, i, 'stopping', 'stopped', ctx.settings.delays.instanceStopped);
  });

export const startInstances: Action = (ctx) =>
  changeStates(ctx, (i) => {
    if (i.state !== 'stopped') throw new Ec2Error('IncorrectInstanceState', `The instance '${i.id}' is not in a state from which it can be started.`);
    i.state = 'pending';
    moveLater(ctx, i, 'pending', 'running', ctx.settings.delays.instanceRunning);
  });
