// Snapshots: made by CreateImage (pending -> completed), listed by DescribeSnapshots, removed by DeleteSnapshot
// (refused while a registered image uses the snapshot, as in EC2).

import { Ec2Error, notFound } from '../errors.js';
import { applyFilters, type FilterTable } from '../filters.js';
import { tagSet, type Action, type ActionContext } from '../context.js';
import type { Snapshot } from '../model.js';
import { paginate } from '../paginate.js';
import { filterParams, listParam, required } from '../query.js';
import { nowIso } from '../store.js';

/** Starts a snapshot of `volumeId` owned by the caller. */
export function snapshotVolume({ caller, store, settings, scheduler }: ActionContext, volumeId: string, description: string, tags?: ReadonlyMap<string, string>): Snapshot {
  const volume = store.get(volumeId);
  const snapshot = store.add<Snapshot>({
    kind: 'snapshot',
    id: store.newId('snap'),
    region: caller.region,
    ownerId: caller.account,
    volumeId,
    state: 'pending',
    volumeSize: volume?.kind === 'volume' ? volume.size : 8,
    startTime: nowIso(),
    description,
    encrypted: volume?.kind === 'volume' ? volume.encrypted : false,
    tags: new Map(tags),
    seeded: false,
  });
  scheduler.after(settings.delays.snapshotCompleted, () => {
    if (store.get(snapshot.id) === snapshot) snapshot.state = 'completed';
  });
  return snapshot;
}

const SNAPSHOT_FILTERS: FilterTable<Snapshot> = {
  description: (s) => [s.description],
  encrypted: (s) => [s.encrypted],
  'owner-id': (s) => [s.ownerId],
  'snapshot-id': (s) => [s.id],
  'start-time': (s) => [s.startTime],
  status: (s) => [s.state],
  'volume-id': (s) => [s.volumeId],
  'volume-size': (s) => [s.volumeSize],
};

function render(s: Snapshot) {
  return {
    snapshotId: s.id,
    volumeId: s.volumeId,
    status: s.state,
    startTime: s.startTime,
    progress: s.state === 'completed' ? '100%' : '0%',
    ownerId: s.ownerId,
    volumeSize: s.volumeSize,
    description: s.description,
    encrypted: s.encrypted,
    kmsKeyId: s.kmsKeyId,
    tagSet: tagSet(s.tags),
  };
}

export const describeSnapshots: Action = (ctx) => {
  const { params, caller, store } = ctx;
  const ids = listParam(params, 'SnapshotId');
  let snaps = store.list('snapshot', caller.region).filter((s) => s.ownerId === caller.account);
  if (ids.length > 0) {
    const missing = ids.filter((id) => !snaps.some((s) => s.id === id));
    if (missing.length > 0) throw notFound('InvalidSnapshot.NotFound', `The snapshot '${missing[0]}' does not exist.`);
    snaps = snaps.filter((s) => ids.includes(s.id));
  }
  const owners = listParam(params, 'Owner');
  if (owners.length > 0) snaps = snaps.filter((s) => owners.some((o) => (o === 'self' ? s.ownerId === caller.account : s.ownerId === o)));
  const { page, nextToken } = paginate(applyFilters(snaps, filterParams(params), SNAPSHOT_FILTERS), params, 'DescribeSnapshots');
  return { snapshotSet: page.map(render), nextToken };
};

export const deleteSnapshot: Action = ({ params, caller, store }) => {
  const id = required(params, 'SnapshotId');
  const snap = store.get(id);
  if (!snap || snap.kind !== 'snapshot' || snap.region !== caller.region || snap.ownerId !== caller.account) {
    throw notFound('InvalidSnapshot.NotFound', `The snapshot '${id}' does not exist.`);
  }
  const user = store.list('image', caller.region).find((i) => i.blockDevices.some((d) => d.snapshotId === id));
  if (user) throw new Ec2Error('InvalidSnapshot.InUse', `The snapshot ${id} is currently in use by ${user.id}`);
  store.delete(id);
  return { return: true };
};
