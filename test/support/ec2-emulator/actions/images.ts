// DescribeImages, CreateImage (pending -> available, with a snapshot per EBS volume) and DeregisterImage.

import { Ec2Error, invalidParameter, notFound } from '../errors.js';
import { applyFilters } from '../filters.js';
import { hiddenAsDeprecated, IMAGE_FILTERS, ownedBy, renderImage, visibleTo } from '../images.js';
import type { Action, ActionContext } from '../context.js';
import type { Image } from '../model.js';
import { paginate } from '../paginate.js';
import { boolParam, filterParams, listParam, required, tagSpecifications } from '../query.js';
import { nowIso } from '../store.js';
import { snapshotVolume } from './snapshots.js';

const IMAGE_ID = /^ami-[0-9a-f]{8,17}$/;

function findImages({ params, caller, store }: ActionContext): Image[] {
  const ids = listParam(params, 'ImageId');
  if (ids.length > 0 && params.has('MaxResults')) {
    throw new Ec2Error('InvalidParameterCombination', 'The parameter imageIdsSet cannot be used with the parameter maxResults');
  }
  for (const id of ids) if (!IMAGE_ID.test(id)) throw new Ec2Error('InvalidAMIID.Malformed', `Invalid id: "${id}" (expecting "ami-...")`);
  let images = store.list('image', caller.region).filter((i) => visibleTo(i, caller));
  if (ids.length > 0) {
    const missing = ids.filter((id) => !images.some((i) => i.id === id));
    if (missing.length > 0) throw notFound('InvalidAMIID.NotFound', `The image id '[${missing.join(', ')}]' does not exist`);
    images = images.filter((i) => ids.includes(i.id));
  } else {
    const includeDeprecated = boolParam(params, 'IncludeDeprecated') ?? false;
    images = images.filter((i) => !hiddenAsDeprecated(i, caller, includeDeprecated));
  }
  const owners = listParam(params, 'Owner');
  if (owners.length > 0) images = images.filter((i) => owners.some((o) => ownedBy(i, o, caller)));
  const executableBy = listParam(params, 'ExecutableBy');
  if (executableBy.length > 0) {
    images = images.filter((i) =>
      executableBy.some((e) => (e === 'all' ? i.isPublic : i.launchPermissions.has(e === 'self' ? caller.account : e) || (e === 'self' && i.ownerId === caller.account))),
    );
  }
  return applyFilters(images, filterParams(params), IMAGE_FILTERS);
}

export const describeImages: Action = (ctx) => {
  const { page, nextToken } = paginate(findImages(ctx), ctx.params, 'DescribeImages');
  return { imagesSet: page.map(renderImage), nextToken };
};

/** The caller's image `id` in this region, or EC2's error. */
export function ownImage({ caller, store }: ActionContext, id: string): Image {
  const image = store.get(id);
  if (!image || image.kind !== 'image' || image.region !== caller.region || !visibleTo(image, caller)) {
    throw notFound('InvalidAMIID.NotFound', `The image id '[${id}]' does not exist`);
  }
  if (image.ownerId !== caller.account) throw new Ec2Error('AuthFailure', `Not authorized for image:${id}`, 403);
  return image;
}

export const createImage: Action = (ctx) => {
  const { params, caller, store, settings, scheduler } = ctx;
  const instanceId = required(params, 'InstanceId');
  const name = required(params, 'Name');
  if (name.length < 3 || name.length > 128) throw invalidParameter(`AMI names must be between 3 and 128 characters long, and may contain letters, numbers, '(', ')', '.', '-', '/' and '_'`);
  const instance = store.get(instanceId);
  if (!instance || instance.kind !== 'instance' || instance.region !== caller.region || instance.state === 'terminated') {
    throw notFound('InvalidInstanceID.NotFound', `The instance ID '${instanceId}' does not exist`);
  }
  if (instance.state !== 'running' && instance.state !== 'stopped') {
    throw new Ec2Error('IncorrectInstanceState', `The instance '${instanceId}' is not in a state from which it can be imaged.`);
  }
  const duplicate = store.list('image', caller.region).find((i) => i.ownerId === caller.account && i.name === name);
  if (duplicate) throw new Ec2Error('InvalidAMIName.Duplicate', `AMI name ${name} is already in use by AMI ${duplicate.id}`);
  const tags = tagSpecifications(params);
  const source = store.get(instance.imageId);
  const blockDevices = [...instance.volumes].map(([deviceName, volumeId]) => {
    const snapshot = snapshotVolume(ctx, volumeId, `Created by CreateImage(${instanceId}) for {image} from ${volumeId}`, tags.get('snapshot'));
    return { deviceName, snapshotId: snapshot.id, volumeSize: snapshot.volumeSize, volumeType: 'gp2', deleteOnTermination: true, encrypted: snapshot.encrypted };
  });
  const image = store.add<Image>({
    kind: 'image',
    id: store.newId('ami'),
    region: caller.region,
    ownerId: caller.account,
    name,
    description: params.get('Description'),
    state: 'pending',
    isPublic: false,
    launchPermissions: new Set(),
    creationDate: nowIso(),
    architecture: instance.architecture,
    imageType: 'machine',
    rootDeviceType: 'ebs',
    rootDeviceName: instance.rootDeviceName,
    virtualizationType: instance.virtualizationType === 'paravirtual' ? 'paravirtual' : 'hvm',
    hypervisor: 'xen',
    enaSupport: instance.enaSupport,
    sriovNetSupport: instance.sriovNetSupport,
    platform: source?.kind === 'image' ? source.platform : undefined,
    sourceInstanceId: instanceId,
    blockDevices,
    tags: new Map(tags.get('image')),
    seeded: false,
  });
  for (const d of blockDevices) {
    const snap = store.get(d.snapshotId);
    if (snap?.kind === 'snapshot') snap.description = snap.description.replace('{image}', image.id);
  }
  scheduler.after(settings.delays.imageAvailable, () => {
    if (store.get(image.id) === image) image.state = 'available';
  });
  return { imageId: image.id };
};

export const deregisterImage: Action = (ctx) => {
  const image = ownImage(ctx, required(ctx.params, 'ImageId'));
  ctx.store.delete(image.id);
  return { return: true };
};
