// `registry serve` opens its PostgreSQL connections before it listens (Store.warm), and keeps them: the first busy
// moment does not wait for new backend processes. Counted from the server side (pg_stat_activity).

import pg from 'pg';
import { afterAll, expect, it } from 'vitest';
import { tmpdir } from 'node:os';
import { openStore } from '../../registry/store/index.js';
import { warmPool } from '../../registry/store/postgres.js';
import { runCli } from '../support/cli.js';
import { databaseKinds } from '../support/registry-databases.js';
import { waitFor } from '../support/wait.js';

const databases = databaseKinds();
afterAll(() => databases.stop());

async function sessionsOn(url: string): Promise<number> {
  const name = new URL(url).pathname.slice(1);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query('select count(*)::int as n from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()', [name]);
    return rows[0].n as number;
  } finally {
    await client.end();
  }
}

it('warm opens the pool\'s ten PostgreSQL sessions, which stay open while idle and close with the store', async () => {
  const url = await databases.kinds.find((k) => k.name === 'postgres')!.create();
  const store = await openStore(url);
  try {
    await store.warm();
    expect(await sessionsOn(url)).toBe(10);
    // pg's pool closes clients idle for 10 s unless the pool keeps a minimum: still ten after that.
    await new Promise((r) => setTimeout(r, 11_000));
    expect(await sessionsOn(url)).toBe(10);
  } finally {
    await store.close();
  }
  await waitFor(async () => (await sessionsOn(url)) === 0, { what: 'the sessions to close', intervalMs: 200 });
}, 120_000);

/** A new registry database, and its URL for a role that may open at most `limit` sessions. */
async function limitedRole(limit: number): Promise<{ url: string; limited: string }> {
  const url = await databases.kinds.find((k) => k.name === 'postgres')!.create();
  const role = `limited_${new URL(url).pathname.slice(1)}`;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`create role ${role} login connection limit ${limit}`);
    await client.query(`grant all on schema public to ${role}`);
  } finally {
    await client.end();
  }
  const limited = new URL(url);
  limited.username = role;
  return { url, limited: limited.toString() };
}

it('warm gives back the sessions it opened when another cannot be opened, and the error goes up', async () => {
  const { url, limited } = await limitedRole(4);
  const pool = new pg.Pool({ connectionString: limited, max: 8 });
  try {
    await expect(warmPool(pool, 8)).rejects.toThrow(/too many connections for role/);
    expect(pool.totalCount).toBe(4);
    expect(pool.idleCount).toBe(4);
  } finally {
    await pool.end();
  }
  await waitFor(async () => (await sessionsOn(url)) === 0, { what: 'the sessions to close', intervalMs: 200 });
});

it('registry serve fails with a message and closes the sessions it opened when the pool cannot be filled', async () => {
  const { url, limited } = await limitedRole(5);
  // The role owns nothing yet: the first serve as the database's owner makes the schema.
  await (await openStore(url)).close();
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  const role = new URL(limited).username;
  await admin.query(`grant all on all tables in schema public to ${role}`);
  await admin.end();
  const r = await runCli(['registry', 'serve', '-listen', '127.0.0.1:0', '-db', limited], { cwd: tmpdir() });
  expect(r.code).toBe(1);
  expect(r.stderr).toContain(`Error: cannot connect to the registry database postgres://${role}@`);
  expect(r.stderr).toMatch(/too many connections for role/);
  expect(r.stdout).not.toContain('Registry listening');
  await waitFor(async () => (await sessionsOn(url)) === 0, { what: 'the sessions to close', intervalMs: 200 });
}, 60_000);

it('warm does nothing on SQLite', async () => {
  const store = await openStore(await databases.kinds.find((k) => k.name === 'sqlite')!.create());
  await expect(store.warm()).resolves.toBeUndefined();
  await store.close();
});
