// The server's cache of channel lookups (the channel GET and its Terraform state document) is never stale, on SQLite
// and PostgreSQL: a write through the same server, through another replica (two apps over two connections to one
// database) or straight to the database is seen by the next lookup; a scheduled revocation takes effect at its time
// with no write (the stores' clock is moved by the test); a restricted channel stays hidden from read tokens whoever
// read it first. Kept answers cost no lookup query (queries counted by a Kysely plugin).

import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { API_PREFIX } from '../../registry/api/types.js';
import { createApp } from '../../registry/server/app.js';
import { createBucket, createBuild, createChannel, createToken, createVersion, openStore, updateBuild, updateChannel, type Store } from '../../registry/store/index.js';
import { databaseKinds } from '../support/registry-databases.js';
import { counted } from './counted-store.js';

const databases = databaseKinds();
const opened: Store[] = [];
afterAll(async () => {
  await Promise.all(opened.map((s) => s.close()));
  await databases.stop();
});

const T0 = Date.parse('2030-01-01T00:00:00.000Z');
const at = (minutes: number) => new Date(T0 + minutes * 60_000).toISOString();

type App = ReturnType<typeof createApp>;

interface Replica {
  app: App;
  store: Store;
  /** Lookup queries run by this replica's store (its change mark is not one). */
  queries: string[];
}

/**
 * Two replicas over one new database: each its own store (its own connection or pool), on a clock the test sets, with
 * a write, a read and an admin token.
 */
async function twoReplicas(create: () => Promise<string>) {
  return twoReplicasOn(await create());
}

async function twoReplicasOn(target: string) {
  let now = at(0);
  const replica = async (): Promise<Replica> => {
    const base = await openStore(target);
    opened.push(base);
    base.now = () => now;
    const { store, queries } = counted(base);
    return { app: createApp({ store, log: (line) => expect.fail(line) }), store, queries };
  };
  const [a, b] = [await replica(), await replica()];
  const tokens = {
    read: (await createToken(a.store, 'read', { author: 'test' })).token,
    write: (await createToken(a.store, 'write', { author: 'test' })).token,
  };
  return { a, b, tokens, set: (minutes: number) => (now = at(minutes)) };
}

async function call(r: Replica, token: string, method: string, path: string, body?: unknown): Promise<{ status: number; body: any }> {
  const headers: Record<string, string> = { authorization: `Bearer ${token}` };
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await r.app.request(path.startsWith('/terraform/') ? path : `${API_PREFIX}${path}`, { method, headers, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
  return { status: res.status, body: await res.json() };
}

/** The fingerprint the channel serves and its status, as the channel GET and the Terraform document both tell. */
async function lookup(r: Replica, token: string, bucket: string, channel: string): Promise<{ fingerprint: string; status: string; revoked: boolean } | number> {
  const api = await call(r, token, 'GET', `/buckets/${bucket}/channels/${channel}`);
  const tf = await call(r, token, 'GET', `/terraform/v1/buckets/${bucket}/channels/${channel}`);
  expect(tf.status).toBe(api.status);
  if (api.status !== 200) return api.status;
  const v = api.body.channel.version;
  const outputs = tf.body.outputs;
  expect([outputs.fingerprint.value, outputs.status.value]).toEqual([v.fingerprint, v.status]);
  return { fingerprint: v.fingerprint, status: v.status, revoked: outputs.revoked.value };
}

async function publish(store: Store, bucket: string, fingerprint: string): Promise<void> {
  await createVersion(store, bucket, { fingerprint }, 'ci');
  const b = await createBuild(store, bucket, fingerprint, { component_type: 'docker.app', platform: 'docker' }, 'ci');
  await updateBuild(store, bucket, fingerprint, b.id, { status: 'BUILD_DONE', artifacts: [{ external_identifier: `img-${fingerprint}`, region: 'docker', labels: {} }] }, 'ci');
}

/** Bucket `app` with versions one and two (two is the newer), and channel `prod` on one. */
async function catalogue(store: Store): Promise<void> {
  await createBucket(store, { name: 'app' }, 'ci');
  await publish(store, 'app', 'one');
  await publish(store, 'app', 'two');
  await createChannel(store, 'app', { name: 'prod', version_fingerprint: 'one' }, 'ci');
}

const active = (fingerprint: string) => ({ fingerprint, status: 'VERSION_ACTIVE', revoked: false });

describe.each(databases.kinds)('channel lookup cache on $name', (kind) => {
  it('answers a lookup read before from the cache, with no lookup query', async () => {
    const { a, tokens } = await twoReplicas(kind.create);
    await catalogue(a.store);
    expect(await lookup(a, tokens.read, 'app', 'prod')).toEqual(active('one'));
    a.queries.length = 0;
    expect(await lookup(a, tokens.read, 'app', 'prod')).toEqual(active('one'));
    expect(a.queries).toEqual([]);
    // Another channel, or another scope, is looked up.
    expect(await lookup(a, tokens.read, 'app', 'latest')).toEqual(active('two'));
    expect(a.queries.length).toBeGreaterThan(0);
    a.queries.length = 0;
    expect(await lookup(a, tokens.write, 'app', 'prod')).toEqual(active('one'));
    expect(a.queries.length).toBeGreaterThan(0);
  });

  it('sees a write through the same server, through another replica, and straight to the database', async () => {
    const { a, b, tokens } = await twoReplicas(kind.create);
    await catalogue(a.store);
    for (const r of [a, b]) expect(await lookup(r, tokens.read, 'app', 'prod')).toEqual(active('one'));
    // Through the server that answered.
    expect((await call(a, tokens.write, 'PATCH', '/buckets/app/channels/prod', { version_fingerprint: 'two' })).status).toBe(200);
    expect(await lookup(a, tokens.read, 'app', 'prod')).toEqual(active('two'));
    // Through the other replica: both see it at once.
    expect(await lookup(b, tokens.read, 'app', 'prod')).toEqual(active('two'));
    expect((await call(b, tokens.write, 'PATCH', '/buckets/app/versions/two', { revoke_in: '0s', revocation_message: 'bad' })).status).toBe(200);
    for (const r of [a, b]) expect(await lookup(r, tokens.read, 'app', 'prod')).toEqual(active('one'));
    for (const r of [a, b]) expect(await lookup(r, tokens.read, 'app', 'latest')).toEqual(active('one'));
    expect((await call(a, tokens.write, 'PATCH', '/buckets/app/versions/two', { restore: true })).status).toBe(200);
    for (const r of [a, b]) expect(await lookup(r, tokens.read, 'app', 'latest')).toEqual(active('two'));
    // Straight to the database (another process), through b's store: a's server sees it.
    await updateChannel(b.store, 'app', 'prod', { version_fingerprint: 'two' }, 'cli');
    expect(await lookup(a, tokens.read, 'app', 'prod')).toEqual(active('two'));
    // A channel deleted, then a new one of the same name.
    expect((await call(b, tokens.write, 'DELETE', '/buckets/app/channels/prod')).status).toBe(200);
    expect(await lookup(a, tokens.read, 'app', 'prod')).toBe(404);
    expect((await call(b, tokens.write, 'POST', '/buckets/app/channels', { name: 'prod', version_fingerprint: 'one' })).status).toBe(200);
    expect(await lookup(a, tokens.read, 'app', 'prod')).toEqual(active('one'));
  });

  it('takes a scheduled revocation into account at its time, with no write', async () => {
    const { a, b, tokens, set } = await twoReplicas(kind.create);
    await catalogue(a.store);
    await updateChannel(a.store, 'app', 'prod', { version_fingerprint: 'two' }, 'ci');
    expect((await call(a, tokens.write, 'PATCH', '/buckets/app/versions/two', { revoke_at: at(60), revocation_message: 'end of life' })).status).toBe(200);
    const scheduled = { fingerprint: 'two', status: 'VERSION_REVOCATION_SCHEDULED', revoked: false };
    for (const r of [a, b]) expect(await lookup(r, tokens.read, 'app', 'prod')).toEqual(scheduled);
    set(59);
    a.queries.length = 0;
    expect(await lookup(a, tokens.read, 'app', 'prod')).toEqual(scheduled);
    expect(a.queries).toEqual([]);
    set(60);
    for (const r of [a, b]) {
      expect(await lookup(r, tokens.read, 'app', 'prod')).toEqual(active('one'));
      expect(await lookup(r, tokens.read, 'app', 'latest')).toEqual(active('one'));
    }
    // Revoked, as the Terraform document tells it, where the channel has nothing to roll back to (qa only had one).
    await createChannel(a.store, 'app', { name: 'qa', version_fingerprint: 'one' }, 'ci');
    expect((await call(b, tokens.write, 'PATCH', '/buckets/app/versions/one', { revoke_at: at(90) })).status).toBe(200);
    expect(await lookup(a, tokens.read, 'app', 'qa')).toEqual({ fingerprint: 'one', status: 'VERSION_REVOCATION_SCHEDULED', revoked: false });
    set(90);
    expect(await lookup(a, tokens.read, 'app', 'qa')).toEqual({ fingerprint: 'one', status: 'VERSION_REVOKED', revoked: true });
    // A clock set back: the answers of later times are not served earlier.
    set(89);
    expect(await lookup(a, tokens.read, 'app', 'qa')).toEqual({ fingerprint: 'one', status: 'VERSION_REVOCATION_SCHEDULED', revoked: false });
  });

  it('keeps a restricted channel from read tokens, whichever scope looked it up first', async () => {
    const { a, b, tokens } = await twoReplicas(kind.create);
    await catalogue(a.store);
    await createChannel(a.store, 'app', { name: 'canary', restricted: true, version_fingerprint: 'two' }, 'ci');
    // Write token first on a, read token first on b.
    expect(await lookup(a, tokens.write, 'app', 'canary')).toEqual(active('two'));
    expect(await lookup(a, tokens.read, 'app', 'canary')).toBe(404);
    expect(await lookup(b, tokens.read, 'app', 'canary')).toBe(404);
    expect(await lookup(b, tokens.write, 'app', 'canary')).toEqual(active('two'));
    for (const r of [a, b]) expect(await lookup(r, tokens.read, 'app', 'canary')).toBe(404);
    // Made public, then restricted again, on one replica: both follow.
    expect((await call(a, tokens.write, 'PATCH', '/buckets/app/channels/canary', { restricted: false })).status).toBe(200);
    for (const r of [a, b]) expect(await lookup(r, tokens.read, 'app', 'canary')).toEqual(active('two'));
    expect((await call(b, tokens.write, 'PATCH', '/buckets/app/channels/prod', { restricted: true })).status).toBe(200);
    for (const r of [a, b]) {
      expect(await lookup(r, tokens.read, 'app', 'prod')).toBe(404);
      expect(await lookup(r, tokens.write, 'app', 'prod')).toEqual(active('one'));
    }
  });

  it('works out an answer once for lookups of it that arrive together, and fails them together', async () => {
    const { a, tokens } = await twoReplicas(kind.create);
    await catalogue(a.store);
    const path = '/buckets/app/channels/prod';
    // Alone: the queries of one lookup (the token and the next revocation read before, and kept).
    expect((await call(a, tokens.read, 'GET', '/buckets/app/channels/latest')).status).toBe(200);
    a.queries.length = 0;
    expect((await call(a, tokens.read, 'GET', path)).body.channel.version.fingerprint).toBe('one');
    const alone = a.queries.length;
    expect(alone).toBeGreaterThan(0);
    // After a write, eight at once: the same queries once, the same answer eight times.
    await createChannel(a.store, 'app', { name: 'qa', version_fingerprint: 'two' }, 'ci');
    await call(a, tokens.read, 'GET', '/buckets/app/channels/latest');
    a.queries.length = 0;
    const together = await Promise.all(Array.from({ length: 8 }, () => call(a, tokens.read, 'GET', path)));
    expect(together.map((r) => r.body.channel?.version?.fingerprint)).toEqual(Array(8).fill('one'));
    expect(a.queries.length).toBe(alone);
    // A failure is shared, and not kept: a channel that does not exist is asked again.
    a.queries.length = 0;
    const missing = await Promise.all(Array.from({ length: 4 }, () => call(a, tokens.read, 'GET', '/buckets/app/channels/none')));
    expect(missing.map((r) => r.status)).toEqual([404, 404, 404, 404]);
    const once = a.queries.length;
    expect(once).toBeGreaterThan(0);
    expect((await call(a, tokens.read, 'GET', '/buckets/app/channels/none')).status).toBe(404);
    expect(a.queries.length).toBe(2 * once);
  });

  it('has a change mark that moves with every committed write, by any connection, and only then', async () => {
    const { a, b } = await twoReplicas(kind.create);
    const marks = async () => [await a.store.changeMark(), await b.store.changeMark()];
    const first = await marks();
    await catalogue(a.store);
    await a.store.db.selectFrom('versions').selectAll().execute();
    const second = await marks();
    expect(second[0]).not.toBe(first[0]);
    expect(second[1]).not.toBe(first[1]);
    expect(await marks()).toEqual(second);
    await updateChannel(b.store, 'app', 'prod', { version_fingerprint: 'two' }, 'ci');
    const third = await marks();
    expect(third[0]).not.toBe(second[0]);
    expect(third[1]).not.toBe(second[1]);
    // A mark read while another connection's write is under way differs from one read after it commits.
    let during = '';
    await b.store.db.transaction().execute(async (trx) => {
      await trx.updateTable('channels').set({ updated_at: at(1) }).where('name', '=', 'prod').execute();
      during = await a.store.changeMark();
    });
    expect(await a.store.changeMark()).not.toBe(during);
  });
});

describe('channel lookup cache on postgres, beside other work on the same server', () => {
  const postgres = databases.kinds.find((k) => k.name === 'postgres')!;

  async function client(url: string): Promise<pg.Client> {
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    return c;
  }

  it('keeps its answers through commits that change nothing of the registry: another database, ANALYZE, a rollback', async () => {
    const registryUrl = await postgres.create();
    const otherUrl = await postgres.create();
    const { a, tokens } = await twoReplicasOn(registryUrl);
    await catalogue(a.store);
    expect(await lookup(a, tokens.read, 'app', 'prod')).toEqual(active('one'));
    const mark = await a.store.changeMark();
    const [registry, other] = [await client(registryUrl), await client(otherUrl)];
    try {
      // Another application's database on the same server.
      await other.query('create table orders (id serial primary key, item text)');
      for (let i = 0; i < 5; i++) await other.query('insert into orders (item) values ($1)', [`item ${i}`]);
      // Maintenance of the registry's own tables, and a table of someone else's in its database.
      await registry.query('analyze versions');
      await registry.query('vacuum analyze channels');
      await registry.query('create table notes (id serial primary key, body text)');
      await registry.query("insert into notes (body) values ('hello')");
      // A registry write that rolls back.
      await registry.query('begin');
      await registry.query("update channels set updated_at = 'x' where name = 'prod'");
      await registry.query('rollback');
      expect(await a.store.changeMark()).toBe(mark);
      a.queries.length = 0;
      expect(await lookup(a, tokens.read, 'app', 'prod')).toEqual(active('one'));
      expect(a.queries).toEqual([]);
      // A write made with psql-like SQL, and a TRUNCATE, are seen.
      const versionTwo = (await registry.query("select id from versions where fingerprint = 'two'")).rows[0].id;
      await registry.query("update channels set version_id = $1 where name = 'prod'", [versionTwo]);
      expect(await lookup(a, tokens.read, 'app', 'prod')).toEqual(active('two'));
      const beforeTruncate = await a.store.changeMark();
      await registry.query('truncate channel_assignments');
      expect(await a.store.changeMark()).not.toBe(beforeTruncate);
    } finally {
      await Promise.all([registry.end(), other.end()]);
    }
  });

  it('counts each committed transaction once, with many writers at once and none deadlocked', async () => {
    const { a, b } = await twoReplicasOn(await postgres.create());
    await catalogue(a.store);
    const names = Array.from({ length: 40 }, (_, i) => `c${i}`);
    for (const name of names) await createChannel(a.store, 'app', { name, version_fingerprint: 'one' }, 'ci');
    const before = Number(await a.store.changeMark());
    // Each assignment is one transaction writing two tables (the channel and its history), half through each replica.
    await Promise.all(names.map((name, i) => updateChannel(i % 2 ? a.store : b.store, 'app', name, { version_fingerprint: 'two' }, 'ci')));
    expect(Number(await b.store.changeMark())).toBe(before + names.length);
  });
});
