// Image visibility and owners as DescribeImages applies them: without owners, the caller's images, public ones
// and those shared with the caller; `Owner.N` takes account IDs and the aliases self, amazon, aws-marketplace...

import type { Caller } from './auth.js';
import { tagSet } from './context.js';
import type { FilterTable } from './filters.js';
import type { Image } from './model.js';

export function visibleTo(image: Image, caller: Caller): boolean {
  return image.ownerId === caller.account || image.isPublic || image.launchPermissions.has(caller.account);
}

export function ownedBy(image: Image, owner: string, caller: Caller): boolean {
  if (owner === 'self') return image.ownerId === caller.account;
  if (/^\d{12}$/.test(owner)) return image.ownerId === owner;
  return image.ownerAlias === owner;
}

/** Deprecated images are left out unless asked for, except the caller's own. */
export function hiddenAsDeprecated(image: Image, caller: Caller, includeDeprecated: boolean, now = Date.now()): boolean {
  return !includeDeprecated && image.ownerId !== caller.account && image.deprecationTime !== undefined && Date.parse(image.deprecationTime) <= now;
}

const devices = (i: Image) => i.blockDevices;

export const IMAGE_FILTERS: FilterTable<Image> = {
  architecture: (i) => [i.architecture],
  'block-device-mapping.delete-on-termination': (i) => devices(i).map((d) => d.deleteOnTermination),
  'block-device-mapping.device-name': (i) => devices(i).map((d) => d.deviceName),
  'block-device-mapping.snapshot-id': (i) => devices(i).map((d) => d.snapshotId),
  'block-device-mapping.volume-size': (i) => devices(i).map((d) => d.volumeSize),
  'block-device-mapping.volume-type': (i) => devices(i).map((d) => d.volumeType),
  'block-device-mapping.encrypted': (i) => devices(i).map((d) => d.encrypted),
  'boot-mode': (i) => [i.bootMode],
  'creation-date': (i) => [i.creationDate],
  'deprecation-time': (i) => [i.deprecationTime],
  description: (i) => [i.description],
  'ena-support': (i) => [i.enaSupport],
  hypervisor: (i) => [i.hypervisor],
  'image-id': (i) => [i.id],
  'image-type': (i) => [i.imageType],
  'is-public': (i) => [i.isPublic],
  name: (i) => [i.name],
  'owner-alias': (i) => [i.ownerAlias],
  'owner-id': (i) => [i.ownerId],
  platform: (i) => [i.platform],
  'root-device-name': (i) => [i.rootDeviceName],
  'root-device-type': (i) => [i.rootDeviceType],
  'source-instance-id': (i) => [i.sourceInstanceId],
  'sriov-net-support': (i) => [i.sriovNetSupport],
  state: (i) => [i.state],
  'virtualization-type': (i) => [i.virtualizationType],
};

export function renderImage(i: Image) {
  return {
    imageId: i.id,
    imageLocation: `${i.ownerAlias ?? i.ownerId}/${i.name}`,
    imageState: i.state,
    imageOwnerId: i.ownerId,
    creationDate: i.creationDate,
    isPublic: i.isPublic,
    architecture: i.architecture,
    imageType: i.imageType,
    platform: i.platform,
    imageOwnerAlias: i.ownerAlias,
    name: i.name,
    description: i.description,
    rootDeviceType: i.rootDeviceType,
    rootDeviceName: i.rootDeviceName,
    blockDeviceMapping: i.blockDevices.map((d) => ({
      deviceName: d.deviceName,
      ebs: { snapshotId: d.snapshotId, volumeSize: d.volumeSize, deleteOnTermination: d.deleteOnTermination, volumeType: d.volumeType, encrypted: d.encrypted, kmsKeyId: d.kmsKeyId },
    })),
    virtualizationType: i.virtualizationType,
    tagSet: tagSet(i.tags),
    hypervisor: i.hypervisor,
    enaSupport: i.enaSupport,
    sriovNetSupport: i.sriovNetSupport,
    bootMode: i.bootMode,
    platformDetails: i.platform === 'windows' ? 'Windows' : 'Linux/UNIX',
    usageOperation: 'RunInstances',
    deprecationTime: i.deprecationTime,
    sourceInstanceId: i.sourceInstanceId,
  };
}
