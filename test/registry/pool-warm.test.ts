// `registry serve` opens its PostgreSQL connections before it listens (Store.warm), and keeps them: the first busy
// moment does not wait for new backend processes. Counted from the server side (pg_stat_activity).

import pg from 'pg';
import { afterAll, expect, it } from 'vitest';
import { openStore } from '../../registry/store/index.js';
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

it('warm does nothing on SQLite', async () => {
  const store = await openStore(await databases.kinds.find((k) => k.name === 'sqlite')!.create());
  await expect(store.warm()).resolves.toBeUndefined();
  await store.close();
});
