// The registry's HTTP API through `app.request()` (no socket), on SQLite, with one smoke pass on PostgreSQL.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_PREFIX } from '../../registry/api/types.js';
import { createApp } from '../../registry/server/app.js';
import { createToken, type Store } from '../../registry/store/index.js';
import { storeKinds, type StoreKind } from '../support/registry-stores.js';

const { kinds, stopStores } = storeKinds();
afterAll(stopStores);

interface Client {
  call(method: string, path: string, o?: { token?: string | null; body?: unknown; raw?: string }): Promise<{ status: number; body: Record<string, any> }>;
  tokens: { read: string; write: string; admin: string };
  store: Store;
}

async function client(kind: StoreKind, o: { maxBodyBytes?: number } = {}): Promise<Client> {
  const store = await kind.open();
  const logged: string[] = [];
  const app = createApp({ store, maxBodyBytes: o.maxBodyBytes, log: (l) => logged.push(l) });
  const tokens = {
    read: (await createToken(store, 'read', { author: 'test' })).token,
    write: (await createToken(store, 'write', { author: 'test' })).token,
    admin: (await createToken(store, 'admin', { author: 'test' })).token,
  };
  return {
    store,
    tokens,
    async call(method, path, { token = tokens.write, body, raw } = {}) {
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (token) headers.authorization = `Bearer ${token}`;
      const res = await app.request(path.startsWith('/') ? path : `${API_PREFIX}/${path}`, { method, headers, body: raw ?? (body === undefined ? undefined : JSON.stringify(body)) });
      expect(logged).toEqual([]);
      return { status: res.status, body: (await res.json()) as Record<string, any> };
    },
  };
}

/** Publishes a complete version with one docker build. */
async function publish(c: Client, bucket: string, fingerprint: string): Promise<void> {
  expect((await c.call('POST', `buckets/${bucket}/versions`, { body: { fingerprint } })).status).toBe(200);
  const { body } = await c.call('POST', `buckets/${bucket}/versions/${fingerprint}/builds`, { body: { component_type: 'docker.app', platform: 'docker', status: 'BUILD_RUNNING', packer_run_uuid: 'u1' } });
  const done = await c.call('PATCH', `buckets/${bucket}/versions/${fingerprint}/builds/${body.build.id}`, {
    body: { status: 'BUILD_DONE', artifacts: [{ external_identifier: `sha256:${fingerprint}`, region: 'docker', labels: { tags: 'app:latest' } }] },
  });
  expect(done.status, JSON.stringify(done.body)).toBe(200);
}

describe('registry API on sqlite', () => {
  const sqlite = kinds.find((k) => k.name === 'sqlite')!;
  let c: Client;
  beforeAll(async () => {
    c = await client(sqlite, { maxBodyBytes: 4096 });
  });

  it('creates, gets, lists with pagination, updates and deletes buckets with HCP field names', async () => {
    const created = await c.call('POST', 'buckets', { body: { name: 'app', description: 'The app', labels: { team: 'web' } } });
    expect(created).toMatchObject({ status: 200, body: { bucket: { name: 'app', description: 'The app', labels: { team: 'web' }, platforms: [], version_count: '0' } } });
    expect((await c.call('POST', 'buckets', { body: { name: 'app' } })).body).toMatchObject({ code: 6, message: 'bucket "app" already exists' });
    for (const name of ['b2', 'b3']) await c.call('POST', 'buckets', { body: { name } });
    const first = await c.call('GET', 'buckets?pagination.page_size=2', { token: c.tokens.read });
    expect(first.body.buckets.map((b: { name: string }) => b.name)).toEqual(['app', 'b2']);
    const next = await c.call('GET', `buckets?pagination.page_size=2&pagination.next_page_token=${first.body.pagination.next_page_token}`, { token: c.tokens.read });
    expect(next.body).toEqual({ buckets: [expect.objectContaining({ name: 'b3' })], pagination: {} });
    expect((await c.call('GET', 'buckets?pagination.page_size=x')).status).toBe(400);
    expect((await c.call('PATCH', 'buckets/b2', { body: { description: 'second' } })).body.bucket.description).toBe('second');
    expect((await c.call('DELETE', 'buckets/b3')).status).toBe(200);
    expect(await c.call('GET', 'buckets/b3')).toEqual({ status: 404, body: { code: 5, message: 'bucket "b3" not found', details: [] } });
  });

  it('records versions by fingerprint and their builds; the last build done makes the version v1 and latest', async () => {
    await c.call('POST', 'buckets', { body: { name: 'web' } });
    await publish(c, 'web', 'fp1');
    const v = await c.call('GET', 'buckets/web/versions/fp1', { token: c.tokens.read });
    expect(v.body.version).toMatchObject({ bucket_name: 'web', fingerprint: 'fp1', name: 'v1', status: 'VERSION_ACTIVE', builds: [{ component_type: 'docker.app', platform: 'docker', status: 'BUILD_DONE', packer_run_uuid: 'u1', artifacts: [{ external_identifier: 'sha256:fp1', region: 'docker' }] }] });
    expect(v.body.version.author_id).toMatch(/^token:/);
    expect((await c.call('GET', 'buckets/web/versions')).body.versions.map((x: { name: string }) => x.name)).toEqual(['v1']);
    expect((await c.call('GET', 'buckets/web/versions/fp1/builds')).body.builds).toHaveLength(1);
    expect((await c.call('GET', 'buckets/web')).body.bucket).toMatchObject({ platforms: ['docker'], latest_version: { fingerprint: 'fp1' } });
    expect((await c.call('GET', 'buckets/web/channels/latest')).body.channel).toMatchObject({ managed: true, version: { name: 'v1' } });
    const bad = await c.call('POST', 'buckets/web/versions/fp1/builds', { body: { component_type: 'x.y', status: 'DONE' } });
    expect(bad).toMatchObject({ status: 400, body: { message: expect.stringMatching(/status must be one of BUILD_UNSET/) } });
    const revoked = await c.call('PATCH', 'buckets/web/versions/fp1', { body: { revoke_in: '0s', revocation_message: 'CVE' } });
    expect(revoked.body.version).toMatchObject({ status: 'VERSION_REVOKED', revocation_message: 'CVE', revocation_type: 'MANUAL' });
    expect(revoked.body.version.revocation_author).toBe(v.body.version.author_id);
    expect((await c.call('PATCH', 'buckets/web/versions/fp1', { body: { revoke_in: '1h' } })).body).toMatchObject({ code: 3, message: expect.stringMatching(/already revoked; restore it/) });
    expect((await c.call('PATCH', 'buckets/web/versions/fp1', { body: { restore: true } })).body.version).toMatchObject({ status: 'VERSION_ACTIVE' });
    const scheduled = await c.call('PATCH', 'buckets/web/versions/fp1', { body: { revoke_at: '2999-01-01T00:00:00Z' } });
    expect(scheduled.body.version).toMatchObject({ status: 'VERSION_REVOCATION_SCHEDULED', revoke_at: '2999-01-01T00:00:00.000Z' });
  });

  it("revokes with HCP's options and restores; write or admin tokens only; a revoked version cannot be assigned", async () => {
    await c.call('POST', 'buckets', { body: { name: 'base' } });
    await c.call('POST', 'buckets', { body: { name: 'child' } });
    await publish(c, 'base', 'b1');
    await publish(c, 'base', 'b2');
    const b2 = (await c.call('GET', 'buckets/base/versions/b2')).body.version;
    expect((await c.call('POST', 'buckets/base/channels', { body: { name: 'prod', version_fingerprint: 'b1' } })).status).toBe(200);
    expect((await c.call('PATCH', 'buckets/base/channels/prod', { body: { version_fingerprint: 'b2' } })).status).toBe(200);
    const prod = (await c.call('GET', 'buckets/base/channels/prod')).body.channel;
    await c.call('POST', 'buckets/child/versions', { body: { fingerprint: 'c1' } });
    const build = await c.call('POST', 'buckets/child/versions/c1/builds', { body: { component_type: 'docker.app', parent_version_id: b2.id, parent_channel_id: prod.id } });
    expect(build.body.build).toMatchObject({ parent_version_id: b2.id, parent_channel_id: prod.id });
    await c.call('PATCH', `buckets/child/versions/c1/builds/${build.body.build.id}`, { body: { status: 'BUILD_DONE' } });
    expect((await c.call('PATCH', `buckets/child/versions/c1/builds/${build.body.build.id}`, { body: { parent_version_id: b2.id } })).body.message).toMatch(/recorded when the build is created/);

    const ancestry = await c.call('GET', 'buckets/child/ancestry', { token: c.tokens.read });
    expect(ancestry.body).toEqual({
      relations: [{ parent: expect.objectContaining({ bucket_name: 'base', version_fingerprint: 'b2', channel_name: 'prod' }), child: expect.objectContaining({ bucket_name: 'child', version_fingerprint: 'c1' }), status: 'UP_TO_DATE' }],
      total_count: 1,
      pagination: {},
    });

    expect(await c.call('PATCH', 'buckets/base/versions/b2', { token: c.tokens.read, body: { revoke_in: '0s' } })).toMatchObject({ status: 403, body: { code: 7 } });
    expect(await c.call('PATCH', 'buckets/base/versions/b2', { body: { revoke_in: '0s', complete: true } })).toMatchObject({ status: 400, body: { message: expect.stringMatching(/unsupported field "complete"/) } });
    expect(await c.call('PATCH', 'buckets/base/versions/b2', { body: { restore: true, revoke_in: '0s' } })).toMatchObject({ status: 400, body: { message: 'restore takes no other field' } });
    expect(await c.call('PATCH', 'buckets/base/versions/b2', { body: { revoke_in: '0s', skip_descendants_revocation: 'yes' } })).toMatchObject({ status: 400, body: { message: 'skip_descendants_revocation must be true or false' } });
    const revoked = await c.call('PATCH', 'buckets/base/versions/b2', { token: c.tokens.admin, body: { revoke_in: '0s', revocation_message: 'CVE', skip_descendants_revocation: true, disable_rollback_channels: true } });
    expect(revoked).toMatchObject({ status: 200, body: { version: { status: 'VERSION_REVOKED', revocation_message: 'CVE', revocation_type: 'MANUAL', has_descendants: true } } });
    expect((await c.call('GET', 'buckets/child/versions/c1')).body.version.status).toBe('VERSION_ACTIVE');
    expect((await c.call('GET', 'buckets/base/channels/prod')).body.channel.version).toMatchObject({ fingerprint: 'b2', status: 'VERSION_REVOKED' });
    expect((await c.call('GET', 'buckets/base/channels/latest')).body.channel.version).toMatchObject({ fingerprint: 'b1' });
    expect(await c.call('POST', 'buckets/base/channels', { body: { name: 'qa', version_fingerprint: 'b2' } })).toMatchObject({ status: 400, body: { code: 3, message: 'version "b2" is revoked: it cannot be assigned to a channel' } });
    expect(await c.call('PATCH', 'buckets/base/versions/b2', { token: c.tokens.read, body: { restore: true } })).toMatchObject({ status: 403 });
    expect((await c.call('PATCH', 'buckets/base/versions/b2', { body: { restore: true } })).body.version).toMatchObject({ status: 'VERSION_ACTIVE' });
    expect((await c.call('PATCH', 'buckets/base/versions/b2', { body: { restore: true } })).body.message).toMatch(/not revoked/);
    expect((await c.call('GET', 'buckets/base/ancestry')).body.relations.map((r: { status: string }) => r.status)).toEqual(['UP_TO_DATE']);
  });

  it('assigns channels; restricted ones are invisible to read tokens; history lists assignments', async () => {
    await c.call('POST', 'buckets', { body: { name: 'svc' } });
    await publish(c, 'svc', 'a');
    await publish(c, 'svc', 'b');
    expect((await c.call('POST', 'buckets/svc/channels', { body: { name: 'prod', restricted: true, version_fingerprint: 'a' } })).status).toBe(200);
    expect((await c.call('POST', 'buckets/svc/channels', { body: { name: 'dev' } })).status).toBe(200);
    const assigned = await c.call('PATCH', 'buckets/svc/channels/prod', { body: { version_fingerprint: 'b' } });
    expect(assigned.body.channel).toMatchObject({ name: 'prod', restricted: true, version: { fingerprint: 'b', name: 'v2' } });
    expect((await c.call('GET', 'buckets/svc/channels', { token: c.tokens.read })).body.channels.map((x: { name: string }) => x.name)).toEqual(['dev', 'latest']);
    expect((await c.call('GET', 'buckets/svc/channels', { token: c.tokens.admin })).body.channels.map((x: { name: string }) => x.name)).toEqual(['dev', 'latest', 'prod']);
    expect((await c.call('GET', 'buckets/svc/channels/prod', { token: c.tokens.read })).status).toBe(404);
    expect((await c.call('GET', 'buckets/svc/channels/prod/history', { token: c.tokens.read })).status).toBe(404);
    const history = await c.call('GET', 'buckets/svc/channels/prod/history?pagination.page_size=1');
    expect(history.body.history.map((h: { version: { name: string } }) => h.version.name)).toEqual(['v2']);
    expect(history.body.pagination.next_page_token).toBeDefined();
    expect((await c.call('PATCH', 'buckets/svc/channels/latest', { body: { version_fingerprint: 'a' } })).status).toBe(400);
    expect((await c.call('DELETE', 'buckets/svc/channels/dev')).status).toBe(200);
  });

  it('needs a token for everything and a write or admin token for changes', async () => {
    expect(await c.call('GET', 'buckets', { token: null })).toMatchObject({ status: 401, body: { code: 16, message: expect.stringMatching(/missing token/) } });
    expect(await c.call('GET', 'buckets', { token: 'tsbr_nope' })).toMatchObject({ status: 401, body: { message: 'unknown token' } });
    expect(await c.call('POST', 'buckets', { token: c.tokens.read, body: { name: 'nope' } })).toMatchObject({ status: 403, body: { code: 7 } });
    expect((await c.call('DELETE', 'buckets/web', { token: c.tokens.read })).status).toBe(403);
    expect((await c.call('GET', 'buckets/nope', { token: c.tokens.read })).status).toBe(404);
    expect((await c.call('POST', 'buckets', { token: c.tokens.admin, body: { name: 'by-admin' } })).status).toBe(200);
  });

  it('answers malformed JSON, bodies of the wrong shape, oversized bodies and unknown routes with a 4xx and a message', async () => {
    expect(await c.call('POST', 'buckets', { raw: '{"name": ' })).toMatchObject({ status: 400, body: { code: 3, message: expect.stringMatching(/^request body is not valid JSON/) } });
    expect(await c.call('POST', 'buckets', { raw: '[1]' })).toMatchObject({ status: 400, body: { message: 'request body must be a JSON object' } });
    expect(await c.call('POST', 'buckets', { body: { name: 7 } })).toMatchObject({ status: 400, body: { message: expect.stringMatching(/bucket name/) } });
    expect(await c.call('POST', 'buckets', { body: { name: 'big', description: 'x'.repeat(10_000) } })).toMatchObject({ status: 413, body: { message: 'request body larger than 4096 bytes' } });
    expect((await c.call('GET', '/packer/2023-01-01/organizations/acme/projects/default/buckets')).status).toBe(404);
    expect((await c.call('GET', '/nowhere')).body).toMatchObject({ code: 5, message: 'no route for GET /nowhere' });
  });
});

describe('registry API on postgres', () => {
  it('publishes a version and assigns a channel', async () => {
    const c = await client(kinds.find((k) => k.name === 'postgres')!);
    await c.call('POST', 'buckets', { body: { name: 'pg' } });
    await publish(c, 'pg', 'one');
    expect((await c.call('POST', 'buckets/pg/channels', { body: { name: 'prod', version_fingerprint: 'one' } })).body.channel).toMatchObject({ version: { name: 'v1' } });
    expect((await c.call('GET', 'buckets/pg', { token: c.tokens.read })).body.bucket).toMatchObject({ version_count: '1', latest_version: { fingerprint: 'one' } });
  });
});
