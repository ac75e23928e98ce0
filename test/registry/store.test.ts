// The registry store, run the same on SQLite and on PostgreSQL (a real server started for this file).

import { afterAll, describe, expect, it } from 'vitest';
import {
  createBucket,
  createBuild,
  createChannel,
  createToken,
  createVersion,
  deleteBucket,
  deleteChannel,
  findToken,
  getBucket,
  getChannel,
  getVersion,
  listBuckets,
  listBuilds,
  listChannelHistory,
  listChannels,
  listVersions,
  StoreError,
  updateBucket,
  updateBuild,
  updateChannel,
  type Store,
} from '../../registry/store/index.js';
import { storeKinds } from '../support/registry-stores.js';

const { kinds, stopStores } = storeKinds();
afterAll(stopStores);

/** A version of `bucket` with one build per component, all done: a complete version. */
async function completeVersionOf(store: Store, bucket: string, fingerprint: string, components = ['docker.ubuntu']): Promise<void> {
  await createVersion(store, bucket, { fingerprint }, 'ci');
  const builds = [];
  for (const c of components) builds.push(await createBuild(store, bucket, fingerprint, { component_type: c, platform: 'docker', status: 'BUILD_RUNNING' }, 'ci'));
  for (const b of builds) await updateBuild(store, bucket, fingerprint, b.id, { status: 'BUILD_DONE', artifacts: [{ external_identifier: `sha256:${fingerprint}`, region: 'docker', labels: {} }] }, 'ci');
}

async function rejects(p: Promise<unknown>, kind: StoreError['kind'], message: RegExp): Promise<void> {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(StoreError);
  expect((e as StoreError).kind).toBe(kind);
  expect((e as StoreError).message).toMatch(message);
}

describe.each(kinds)('registry store on $name', (kind) => {
  it('creates, lists, updates and deletes buckets, each with a managed latest channel', async () => {
    const store = await kind.open();
    const b = await createBucket(store, { name: 'base', description: 'Base image', labels: { os: 'debian' } }, 'alice');
    expect(b).toMatchObject({ name: 'base', description: 'Base image', labels: { os: 'debian' }, platforms: [], version_count: '0' });
    expect(b.latest_version).toBeUndefined();
    await rejects(createBucket(store, { name: 'base' }, 'alice'), 'conflict', /already exists/);
    await rejects(createBucket(store, { name: 'no spaces' }, 'alice'), 'invalid', /bucket name/);
    await rejects(createBucket(store, { name: 'x', labels: { n: 1 as unknown as string } }, 'alice'), 'invalid', /labels\.n must be a string/);
    const updated = await updateBucket(store, 'base', { description: 'Debian base' }, 'bob');
    expect(updated).toMatchObject({ description: 'Debian base', labels: { os: 'debian' } });
    expect((await listChannels(store, 'base', { includeRestricted: true })).map((c) => [c.name, c.managed])).toEqual([['latest', true]]);
    for (const name of ['app1', 'app2', 'app3']) await createBucket(store, { name }, 'alice');
    const first = await listBuckets(store, { page_size: 3 });
    expect(first.items.map((x) => x.name)).toEqual(['base', 'app1', 'app2']);
    const second = await listBuckets(store, { page_size: 3, next_page_token: first.next_page_token });
    expect(second).toEqual({ items: [expect.objectContaining({ name: 'app3' })] });
    await rejects(listBuckets(store, { next_page_token: 'bogus' }), 'invalid', /next_page_token/);
    await completeVersionOf(store, 'app1', 'f1');
    await deleteBucket(store, 'app1');
    await rejects(getBucket(store, 'app1'), 'not_found', /bucket "app1" not found/);
    expect(await store.db.selectFrom('versions').selectAll().execute()).toEqual([]);
  });

  it('keeps a version v0 until all its builds are done, then numbers it and points latest at it', async () => {
    const store = await kind.open();
    await createBucket(store, { name: 'web' }, 'alice');
    const v = await createVersion(store, 'web', { fingerprint: 'abc' }, 'ci');
    expect(v).toMatchObject({ bucket_name: 'web', name: 'v0', fingerprint: 'abc', status: 'VERSION_RUNNING', builds: [], author_id: 'ci' });
    await rejects(createVersion(store, 'web', { fingerprint: 'abc' }, 'ci'), 'conflict', /already has a version with fingerprint "abc"/);
    const a = await createBuild(store, 'web', 'abc', { component_type: 'amazon-ebs.ubuntu', platform: 'aws', status: 'BUILD_RUNNING', packer_run_uuid: 'run-1', labels: { k: 'v' }, metadata: { git: { commit: 'c0ffee' } } }, 'ci');
    const d = await createBuild(store, 'web', 'abc', { component_type: 'docker.ubuntu', platform: 'docker' }, 'ci');
    await rejects(createBuild(store, 'web', 'abc', { component_type: 'docker.ubuntu' }, 'ci'), 'conflict', /already has a build/);
    await updateBuild(store, 'web', 'abc', a.id, { status: 'BUILD_DONE', artifacts: [{ external_identifier: 'ami-1', region: 'us-east-1', labels: {} }, { external_identifier: 'ami-2', region: 'eu-west-1', labels: {} }] }, 'ci');
    expect((await getVersion(store, 'web', 'abc')).name).toBe('v0');
    await updateBuild(store, 'web', 'abc', d.id, { status: 'BUILD_FAILED' }, 'ci');
    expect(await getVersion(store, 'web', 'abc')).toMatchObject({ name: 'v0', status: 'VERSION_FAILED' });
    const done = await updateBuild(store, 'web', 'abc', d.id, { status: 'BUILD_DONE', artifacts: [{ external_identifier: 'sha256:1', region: 'docker', labels: { tags: 'web:1' } }] }, 'ci');
    expect(done).toMatchObject({ status: 'BUILD_DONE', artifacts: [{ external_identifier: 'sha256:1', region: 'docker', labels: { tags: 'web:1' } }] });
    const complete = await getVersion(store, 'web', 'abc');
    expect(complete).toMatchObject({ name: 'v1', status: 'VERSION_ACTIVE' });
    expect(complete.builds.find((b) => b.id === a.id)).toMatchObject({ labels: { k: 'v' }, metadata: { git: { commit: 'c0ffee' } }, packer_run_uuid: 'run-1', artifacts: [{ external_identifier: 'ami-1' }, { external_identifier: 'ami-2' }] });
    await rejects(createBuild(store, 'web', 'abc', { component_type: 'qemu.x' }, 'ci'), 'conflict', /is complete \(v1\)/);
    const bucket = await getBucket(store, 'web');
    expect(bucket).toMatchObject({ version_count: '1', platforms: ['aws', 'docker'], latest_version: { fingerprint: 'abc', name: 'v1' } });
    expect((await getChannel(store, 'web', 'latest')).version).toMatchObject({ fingerprint: 'abc' });
    expect((await listBuilds(store, 'web', 'abc', { page_size: 1 })).next_page_token).toBeDefined();
    await completeVersionOf(store, 'web', 'def');
    expect((await listVersions(store, 'web')).items.map((x) => [x.fingerprint, x.name])).toEqual([['def', 'v2'], ['abc', 'v1']]);
    expect((await listChannelHistory(store, 'web', 'latest')).items.map((h) => h.version?.name)).toEqual(['v2', 'v1']);
  });

  it('assigns user channels to complete versions only, keeps their history, hides restricted ones unless asked', async () => {
    const store = await kind.open();
    await createBucket(store, { name: 'svc' }, 'alice');
    await completeVersionOf(store, 'svc', 'one');
    await createVersion(store, 'svc', { fingerprint: 'running' }, 'ci');
    await rejects(createChannel(store, 'svc', { name: 'latest' }, 'alice'), 'conflict', /managed/);
    await rejects(createChannel(store, 'svc', { name: 'prod', version_fingerprint: 'running' }, 'alice'), 'invalid', /not complete/);
    const prod = await createChannel(store, 'svc', { name: 'prod', restricted: true, version_fingerprint: 'one' }, 'alice');
    expect(prod).toMatchObject({ name: 'prod', restricted: true, managed: false, author_id: 'alice', version: { name: 'v1' } });
    await createChannel(store, 'svc', { name: 'dev' }, 'alice');
    expect((await listChannels(store, 'svc', { includeRestricted: false })).map((c) => c.name)).toEqual(['dev', 'latest']);
    expect((await listChannels(store, 'svc', { includeRestricted: true })).map((c) => c.name)).toEqual(['dev', 'latest', 'prod']);
    await completeVersionOf(store, 'svc', 'two');
    await updateChannel(store, 'svc', 'prod', { version_fingerprint: 'two' }, 'bob');
    await updateChannel(store, 'svc', 'prod', { version_fingerprint: '' }, 'carol');
    expect((await getChannel(store, 'svc', 'prod')).version).toBeUndefined();
    const history = await listChannelHistory(store, 'svc', 'prod');
    expect(history.items.map((h) => [h.author_id, h.version?.name])).toEqual([['carol', undefined], ['bob', 'v2'], ['alice', 'v1']]);
    await rejects(updateChannel(store, 'svc', 'latest', { version_fingerprint: 'one' }, 'bob'), 'invalid', /managed/);
    await rejects(deleteChannel(store, 'svc', 'latest'), 'invalid', /cannot be deleted/);
    await deleteChannel(store, 'svc', 'prod');
    await rejects(getChannel(store, 'svc', 'prod'), 'not_found', /channel "prod"/);
  });

  it('numbers versions completed concurrently without gaps or duplicates', async () => {
    const store = await kind.open();
    await createBucket(store, { name: 'busy' }, 'ci');
    const count = 24;
    const fingerprints = Array.from({ length: count }, (_, i) => `fp-${i}`);
    const builds = [];
    for (const fp of fingerprints) {
      await createVersion(store, 'busy', { fingerprint: fp }, 'ci');
      builds.push(...(await Promise.all(['a.x', 'b.y'].map((c) => createBuild(store, 'busy', fp, { component_type: c }, 'ci')))).map((b) => ({ fp, id: b.id })));
    }
    // Every build of every version finishes at once: two per version race to complete it.
    await Promise.all(builds.map((b) => updateBuild(store, 'busy', b.fp, b.id, { status: 'BUILD_DONE' }, 'ci')));
    const versions = (await listVersions(store, 'busy')).items;
    expect(versions.map((v) => v.name).sort((x, y) => Number(x.slice(1)) - Number(y.slice(1)))).toEqual(Array.from({ length: count }, (_, i) => `v${i + 1}`));
    expect(versions.every((v) => v.status === 'VERSION_ACTIVE')).toBe(true);
    expect((await getBucket(store, 'busy')).version_count).toBe(String(count));
    expect((await listChannelHistory(store, 'busy', 'latest')).items).toHaveLength(count);
  });

  it('stores tokens hashed and finds them by the secret', async () => {
    const store = await kind.open();
    const { token } = await createToken(store, 'write', { author: 'admin' });
    expect(token).toMatch(/^tsbr_[\w-]{43}$/);
    expect(await findToken(store, token)).toMatchObject({ scope: 'write' });
    expect(await findToken(store, `${token}x`)).toBeUndefined();
    const rows = await store.db.selectFrom('tokens').selectAll().execute();
    expect(JSON.stringify(rows)).not.toContain(token);
    await rejects(createToken(store, 'root' as 'admin', { author: 'admin' }), 'invalid', /scope must be one of read, write, admin/);
  });
});
