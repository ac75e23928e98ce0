// The channel lookup's cost on SQLite and PostgreSQL: the queries it runs (counted by a Kysely plugin on the real
// store), a verified token kept by the server's cache, SQLite statements prepared once, and PostgreSQL reads run as
// named prepared statements (seen in the server's pg_prepared_statements), a schema change included.

import SqliteDatabase from 'better-sqlite3';
import { Kysely, PostgresDialect, sql } from 'kysely';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { createTokenCache } from '../../registry/server/token-cache.js';
import { nameStatements } from '../../registry/store/postgres.js';
import { keepStatements } from '../../registry/store/sqlite.js';
import { createBucket, createBuild, createChannel, createToken, createVersion, getChannel, revokeVersion, updateBuild, updateChannel, type Store } from '../../registry/store/index.js';
import { storeKinds } from '../support/registry-stores.js';
import { counted } from './counted-store.js';

const { kinds, stopStores } = storeKinds();
afterAll(stopStores);

async function publish(store: Store, bucket: string, fingerprint: string): Promise<void> {
  await createVersion(store, bucket, { fingerprint }, 'ci');
  const builds = [];
  for (const component of ['amazon-ebs.ubuntu', 'docker.app']) builds.push(await createBuild(store, bucket, fingerprint, { component_type: component, platform: component.split('-')[0]!, status: 'BUILD_RUNNING' }, 'ci'));
  for (const b of builds) {
    const component = b.component_type;
    const artifacts = ['us-east-1', 'eu-west-1'].map((region) => ({ external_identifier: `${fingerprint}-${component}-${region}`, region }));
    await updateBuild(store, bucket, fingerprint, b.id, { status: 'BUILD_DONE', artifacts }, 'ci');
  }
}

describe.each(kinds)('channel lookup on $name', (kind) => {
  it('reads a channel in three queries, rolled back in five; its builds and artifacts stay in order', async () => {
    const store = await kind.open();
    await createBucket(store, { name: 'app' }, 'ci');
    for (const fp of ['fp1', 'fp2']) await publish(store, 'app', fp);
    await createChannel(store, 'app', { name: 'production', version_fingerprint: 'fp1' }, 'ci');
    await createChannel(store, 'app', { name: 'next', version_fingerprint: 'fp1' }, 'ci');
    const c = counted(store);
    const channel = await getChannel(c.store, 'app', 'production');
    expect(c.queries).toHaveLength(3);
    expect(channel.version?.name).toBe('v1');
    expect(channel.version?.builds.map((b) => [b.component_type, b.artifacts.map((a) => a.region)])).toEqual([
      ['amazon-ebs.ubuntu', ['us-east-1', 'eu-west-1']],
      ['docker.app', ['us-east-1', 'eu-west-1']],
    ]);
    // `next` moves to fp2, which is then revoked: it rolls back to fp1 (one query for the history, one for that version).
    await updateChannel(store, 'app', 'next', { version_fingerprint: 'fp2' }, 'ci');
    await revokeVersion(store, 'app', 'fp2', { revokeAt: store.now(), message: 'bad' }, 'ci');
    c.queries.length = 0;
    expect((await getChannel(c.store, 'app', 'next')).version?.fingerprint).toBe('fp1');
    expect(c.queries).toHaveLength(5);
  });

  it('verifies a token once per cache lifetime', async () => {
    const store = await kind.open();
    const { token } = await createToken(store, 'read', { author: 'test' });
    let now = 0;
    const cache = createTokenCache({ clock: () => now, ttlMs: 1000 });
    const c = counted(store);
    for (let i = 0; i < 3; i++) expect(await cache.verify(c.store, token)).toMatchObject({ scope: 'read' });
    expect(c.queries).toHaveLength(1);
    now = 1000;
    await cache.verify(c.store, token);
    expect(c.queries).toHaveLength(2);
  });
});

describe('SQLite statements', () => {
  it('are prepared once per SQL text, the least recently used dropped beyond the bound', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tsbuild-statements-'));
    const database = new SqliteDatabase(join(dir, 'x.db'));
    try {
      const db = keepStatements(database, 2);
      const one = db.prepare('select 1');
      expect(db.prepare('select 1')).toBe(one);
      db.prepare('select 2');
      db.prepare('select 1');
      db.prepare('select 3'); // drops `select 2`, the least recently used
      expect(db.prepare('select 1')).toBe(one);
      expect((db.prepare('select 1') as unknown as { get(): unknown }).get()).toEqual({ 1: 1 });
    } finally {
      database.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe.each(kinds.filter((k) => k.name === 'postgres'))('PostgreSQL statements', (kind) => {
  it('run reads as named prepared statements, writes unnamed; a statement a schema change made stale runs again unnamed', async () => {
    const store = await kind.open();
    // The test database's address (trust authentication on loopback), for a pool of one connection: every statement is
    // then prepared on the session the test looks at.
    const where = await sql<{ db: string; port: number }>`select current_database() as db, inet_server_port() as port`.execute(store.db);
    const { db: name, port } = where.rows[0]!;
    const db = new Kysely<{ t: { id: number; n: number } }>({ dialect: new PostgresDialect({ pool: nameStatements(new pg.Pool({ connectionString: `postgres://postgres@127.0.0.1:${port}/${name}`, max: 1 })) }) });
    try {
      await db.schema.createTable('t').addColumn('id', 'integer').addColumn('n', 'integer').execute();
      await db.insertInto('t').values({ id: 1, n: 2 }).execute();
      expect(await db.selectFrom('t').selectAll().where('id', '=', 1).execute()).toEqual([{ id: 1, n: 2 }]);
      const prepared = async () => (await sql<{ name: string; statement: string }>`select name, statement from pg_prepared_statements order by statement`.execute(db)).rows;
      expect((await prepared()).map((p) => [p.name.startsWith('tsb_'), p.statement])).toEqual([
        [true, 'select * from "t" where "id" = $1'],
        [true, 'select name, statement from pg_prepared_statements order by statement'],
      ]);
      // The named `select *` now returns another row type: PostgreSQL refuses its cached plan; the read still answers.
      await db.schema.alterTable('t').addColumn('extra', 'text').execute();
      expect(await db.selectFrom('t').selectAll().where('id', '=', 1).execute()).toEqual([{ id: 1, n: 2, extra: null }]);
      expect(await db.selectFrom('t').selectAll().where('id', '=', 1).execute()).toEqual([{ id: 1, n: 2, extra: null }]);
    } finally {
      await db.destroy();
    }
  });
});
