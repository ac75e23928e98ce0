// DescribeVolumes and DeleteVolume: the volumes instances were launched with (deleted with the instance, or left
// available when DeleteOnTermination was false).

import { Ec2Error, notFound } from '../errors.js';
import { applyFilters, type FilterTable } from '../filters.js';
import { tagSet, type Action } from '../context.js';
import type { Volume } from '../model.js';
import { paginate } from '../paginate.js';
import { filterParams, listParam, required } from '../query.js';

const VOLUME_FILTERS: FilterTable<Volume> = {
  'attachment.instance-id': (v) => [v.attachment?.instanceId],
  'attachment.device': (v) => [v.attachment?.device],
  'attachment.delete-on-termination': (v) => [v.attachment?.deleteOnTermination],
  'availability-zone': (v) => [v.availabilityZone],
  encrypted: (v) => [v.encrypted],
  size: (v) => [v.size],
  'snapshot-id': (v) => [v.snapshotId],
  status: (v) => [v.state],
  'volume-id': (v) => [v.id],
  'volume-type': (v) => [v.volumeType],
};

export const describeVolumes: Action = ({ params, caller, store }) => {
  const ids = listParam(params, 'VolumeId');
  let volumes = store.list('volume', caller.region).filter((v) => v.ownerId === caller.account);
  const missing = ids.filter((id) => !volumes.some((v) => v.id === id));
  if (missing.length > 0) throw notFound('InvalidVolume.NotFound', `The volume '${missing[0]}' does not exist.`);
  if (ids.length > 0) volumes = volumes.filter((v) => ids.includes(v.id));
  const { page, nextToken } = paginate(applyFilters(volumes, filterParams(params), VOLUME_FILTERS), params, 'DescribeVolumes');
  return {
    volumeSet: page.map((v) => ({
      volumeId: v.id,
      size: v.size,
      snapshotId: v.snapshotId ?? '',
      availabilityZone: v.availabilityZone,
      status: v.state,
      createTime: v.createTime,
      attachmentSet: v.attachment ? [{ volumeId: v.id, instanceId: v.attachment.instanceId, device: v.attachment.device, status: 'attached', attachTime: v.attachment.attachTime, deleteOnTermination: v.attachment.deleteOnTermination }] : [],
      volumeType: v.volumeType,
      encrypted: v.encrypted,
      tagSet: tagSet(v.tags),
    })),
    nextToken,
  };
};

export const deleteVolume: Action = ({ params, caller, store }) => {
  const id = required(params, 'VolumeId');
  const v = store.get(id);
  if (!v || v.kind !== 'volume' || v.region !== caller.region || v.ownerId !== caller.account) throw notFound('InvalidVolume.NotFound', `The volume '${id}' does not exist.`);
  if (v.attachment) throw new Ec2Error('VolumeInUse', `Volume ${id} is currently attached to ${v.attachment.instanceId}`);
  store.delete(id);
  return { return: true };
};
