// Revocation (scheduled, inherited, channel rollback, restore) and ancestry in the registry store, the same on SQLite
// and on PostgreSQL. The store's clock is replaced, so that a scheduled time passes without waiting.

import { afterAll, describe, expect, it } from 'vitest';
import {
  createBucket,
  createBuild,
  createChannel,
  createVersion,
  deleteChannel,
  getBucket,
  getChannel,
  getVersion,
  listBucketAncestry,
  listChannelHistory,
  restoreVersion,
  revokeVersion,
  StoreError,
  updateBuild,
  updateChannel,
  type BuildInput,
  type Store,
} from '../../registry/store/index.js';
import { storeKinds } from '../support/registry-stores.js';

const { kinds, stopStores } = storeKinds();
afterAll(stopStores);

const T0 = Date.parse('2030-01-01T00:00:00.000Z');
const at = (minutes: number) => new Date(T0 + minutes * 60_000).toISOString();

/** A store whose clock reads `set(minutes)` after T0. */
async function openAt(open: () => Promise<Store>): Promise<{ store: Store; set(minutes: number): void }> {
  const store = await open();
  let now = at(0);
  store.now = () => now;
  return { store, set: (m) => (now = at(m)) };
}

/** A complete version with one build whose artifact is `img-<fingerprint>`; returns the version id. */
async function publish(store: Store, bucket: string, fingerprint: string, build: Partial<BuildInput> = {}): Promise<string> {
  const v = await createVersion(store, bucket, { fingerprint }, 'ci');
  const b = await createBuild(store, bucket, fingerprint, { component_type: 'docker.app', platform: 'docker', ...build }, 'ci');
  await updateBuild(store, bucket, fingerprint, b.id, { status: 'BUILD_DONE', artifacts: [{ external_identifier: `img-${fingerprint}`, region: 'docker', labels: {} }] }, 'ci');
  return v.id;
}

async function rejects(p: Promise<unknown>, message: RegExp): Promise<void> {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(StoreError);
  expect((e as StoreError).message).toMatch(message);
}

const served = async (store: Store, bucket: string, channel: string) => (await getChannel(store, bucket, channel)).version?.fingerprint;

describe.each(kinds)('revocation and ancestry on $name', (kind) => {
  it('schedules a revocation: the version stays usable until the time, then is revoked and its channels roll back', async () => {
    const { store, set } = await openAt(kind.open);
    await createBucket(store, { name: 'base' }, 'alice');
    await publish(store, 'base', 'one');
    await publish(store, 'base', 'two');
    await createChannel(store, 'base', { name: 'prod', version_fingerprint: 'one' }, 'alice');
    await updateChannel(store, 'base', 'prod', { version_fingerprint: 'two' }, 'alice');
    const scheduled = await revokeVersion(store, 'base', 'two', { revokeAt: at(60), message: 'end of life' }, 'token:sec');
    expect(scheduled).toMatchObject({ status: 'VERSION_REVOCATION_SCHEDULED', revoke_at: at(60), revocation_message: 'end of life', revocation_author: 'token:sec', revocation_type: 'MANUAL' });
    expect(await served(store, 'base', 'prod')).toBe('two');
    expect(await served(store, 'base', 'latest')).toBe('two');
    await createChannel(store, 'base', { name: 'dev', version_fingerprint: 'two' }, 'alice');
    set(59);
    expect((await getVersion(store, 'base', 'two')).status).toBe('VERSION_REVOCATION_SCHEDULED');
    set(60);
    expect((await getVersion(store, 'base', 'two')).status).toBe('VERSION_REVOKED');
    expect(await served(store, 'base', 'prod')).toBe('one');
    expect(await served(store, 'base', 'latest')).toBe('one');
    expect((await getBucket(store, 'base')).latest_version?.fingerprint).toBe('one');
    // dev never had another version: a channel whose whole history is revoked keeps it.
    expect(await served(store, 'base', 'dev')).toBe('two');
    await rejects(updateChannel(store, 'base', 'prod', { version_fingerprint: 'two' }, 'alice'), /version "two" is revoked: it cannot be assigned to a channel/);
    await rejects(createChannel(store, 'base', { name: 'qa', version_fingerprint: 'two' }, 'alice'), /is revoked/);
    await rejects(revokeVersion(store, 'base', 'two', { revokeAt: at(60), message: '' }, 'x'), /already revoked/);
  });

  it('passes a revocation on to descendants at any depth, unless skip_descendants_revocation', async () => {
    const { store } = await openAt(kind.open);
    for (const name of ['base', 'app', 'web']) await createBucket(store, { name }, 'alice');
    const base1 = await publish(store, 'base', 'b1');
    const base2 = await publish(store, 'base', 'b2');
    await publish(store, 'app', 'a1', { parent_version_id: base1 });
    // Its parent is found from the source image: an artifact the registry knows.
    await publish(store, 'web', 'w1', { source_external_identifier: 'img-a1' });
    await publish(store, 'web', 'w2', { parent_version_id: base1 });
    await revokeVersion(store, 'web', 'w2', { revokeAt: at(0), message: 'own reason' }, 'token:web');
    await publish(store, 'app', 'a2', { parent_version_id: base2 });
    expect((await getVersion(store, 'base', 'b1')).has_descendants).toBe(true);

    await revokeVersion(store, 'base', 'b1', { revokeAt: at(0), message: 'CVE-1' }, 'token:sec');
    const inherited = { status: 'VERSION_REVOKED', revocation_type: 'INHERITED', revocation_message: 'CVE-1', revocation_author: 'token:sec', revocation_inherited_from: { bucket_name: 'base', fingerprint: 'b1', name: 'v1' } };
    expect(await getVersion(store, 'app', 'a1')).toMatchObject(inherited);
    expect(await getVersion(store, 'web', 'w1')).toMatchObject(inherited);
    expect(await getVersion(store, 'web', 'w2')).toMatchObject({ status: 'VERSION_REVOKED', revocation_type: 'MANUAL', revocation_message: 'own reason' });

    await revokeVersion(store, 'base', 'b2', { revokeAt: at(0), message: 'CVE-2', skipDescendants: true }, 'token:sec');
    expect(await getVersion(store, 'base', 'b2')).toMatchObject({ status: 'VERSION_REVOKED' });
    expect((await getVersion(store, 'app', 'a2')).status).toBe('VERSION_ACTIVE');
  });

  it('leaves user channels on the version with disable_rollback_channels; latest still moves off it', async () => {
    const { store } = await openAt(kind.open);
    await createBucket(store, { name: 'svc' }, 'alice');
    await publish(store, 'svc', 'one');
    await publish(store, 'svc', 'two');
    await createChannel(store, 'svc', { name: 'prod', version_fingerprint: 'one' }, 'alice');
    await updateChannel(store, 'svc', 'prod', { version_fingerprint: 'two' }, 'alice');
    await revokeVersion(store, 'svc', 'two', { revokeAt: at(0), message: '', disableRollback: true }, 'token:sec');
    expect((await getChannel(store, 'svc', 'prod')).version).toMatchObject({ fingerprint: 'two', status: 'VERSION_REVOKED' });
    expect(await served(store, 'svc', 'latest')).toBe('one');
  });

  it('restores a version: its descendants stay revoked, rolled-back channels stay rolled back, latest returns', async () => {
    const { store, set } = await openAt(kind.open);
    await createBucket(store, { name: 'base' }, 'alice');
    await createBucket(store, { name: 'app' }, 'alice');
    await publish(store, 'base', 'one');
    const two = await publish(store, 'base', 'two');
    await publish(store, 'app', 'child', { parent_version_id: two });
    await createChannel(store, 'base', { name: 'prod', version_fingerprint: 'one' }, 'alice');
    await updateChannel(store, 'base', 'prod', { version_fingerprint: 'two' }, 'alice');
    await revokeVersion(store, 'base', 'two', { revokeAt: at(0), message: 'bad' }, 'token:sec');
    expect(await served(store, 'base', 'prod')).toBe('one');
    set(5);
    const restored = await restoreVersion(store, 'base', 'two', 'token:ops');
    expect(restored.status).toBe('VERSION_ACTIVE');
    expect(restored.revoke_at).toBeUndefined();
    expect((await getVersion(store, 'app', 'child')).status).toBe('VERSION_REVOKED');
    expect(await served(store, 'base', 'prod')).toBe('one');
    expect((await listChannelHistory(store, 'base', 'prod')).items.map((h) => [h.author_id, h.version?.fingerprint])).toEqual([
      ['token:sec', 'one'],
      ['alice', 'two'],
      ['alice', 'one'],
    ]);
    expect(await served(store, 'base', 'latest')).toBe('two');
    await updateChannel(store, 'base', 'prod', { version_fingerprint: 'two' }, 'alice');
    await rejects(restoreVersion(store, 'base', 'one', 'x'), /not revoked/);
    // A scheduled revocation can be restored before it takes effect too.
    await revokeVersion(store, 'base', 'one', { revokeAt: at(60), message: '' }, 'x');
    expect((await restoreVersion(store, 'base', 'one', 'x')).status).toBe('VERSION_ACTIVE');
  });

  it('reports ancestry UP_TO_DATE while the parent channel serves the parent, then OUT_OF_DATE or UNDETERMINED', async () => {
    const { store } = await openAt(kind.open);
    await createBucket(store, { name: 'base' }, 'alice');
    await createBucket(store, { name: 'app' }, 'alice');
    const b1 = await publish(store, 'base', 'b1');
    const prod = await createChannel(store, 'base', { name: 'prod', version_fingerprint: 'b1' }, 'alice');
    await publish(store, 'app', 'a1', { parent_version_id: b1, parent_channel_id: prod.id });
    const [relation] = await listBucketAncestry(store, 'app');
    expect(relation).toEqual({
      parent: { bucket_name: 'base', version_id: b1, version_name: 'v1', version_fingerprint: 'b1', channel_name: 'prod', channel_version: { id: b1, name: 'v1', fingerprint: 'b1' } },
      child: { bucket_name: 'app', version_id: expect.any(String), version_name: 'v1', version_fingerprint: 'a1' },
      status: 'UP_TO_DATE',
    });
    expect((await listBucketAncestry(store, 'base')).map((r) => [r.child.bucket_name, r.status])).toEqual([['app', 'UP_TO_DATE']]);
    expect((await getVersion(store, 'app', 'a1')).parents).toEqual({ href: '/packer/2023-01-01/organizations/default/projects/default/buckets/app/ancestry', status: 'UP_TO_DATE' });
    expect((await getVersion(store, 'base', 'b1')).parents).toBeUndefined();
    await publish(store, 'base', 'b2');
    await updateChannel(store, 'base', 'prod', { version_fingerprint: 'b2' }, 'alice');
    expect((await listBucketAncestry(store, 'app'))[0]).toMatchObject({ status: 'OUT_OF_DATE', parent: { version_fingerprint: 'b1', channel_version: { fingerprint: 'b2' } } });
    expect((await getVersion(store, 'app', 'a1')).parents?.status).toBe('OUT_OF_DATE');
    // Revoking b2 rolls prod back to b1: the child is up to date again.
    await revokeVersion(store, 'base', 'b2', { revokeAt: at(0), message: '' }, 'x');
    expect((await listBucketAncestry(store, 'app'))[0]!.status).toBe('UP_TO_DATE');
    await deleteChannel(store, 'base', 'prod');
    expect((await listBucketAncestry(store, 'app'))[0]).toMatchObject({ status: 'UNDETERMINED', parent: { version_fingerprint: 'b1' } });
    expect((await listBucketAncestry(store, 'app'))[0]!.parent.channel_name).toBeUndefined();
    expect((await getVersion(store, 'app', 'a1')).parents?.status).toBe('UNDETERMINED');
    await rejects(createBuild(store, 'app', 'nope', { component_type: 'x.y' }, 'ci'), /not found/);
    await createVersion(store, 'app', { fingerprint: 'a2' }, 'ci');
    await rejects(createBuild(store, 'app', 'a2', { component_type: 'x.y', parent_channel_id: prod.id }, 'ci'), /parent_channel_id needs parent_version_id/);
  });
});
