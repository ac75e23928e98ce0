// The real `tsbuild registry serve` killed with SIGKILL while writes are in flight, on SQLite and PostgreSQL: the
// database it leaves is consistent (SQLite's integrity and foreign-key checks; no build without its version, no
// version numbered out of turn, no bucket without its `latest` channel), every write it acknowledged is there, and the
// server restarted on it serves and takes writes again.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { RegistryClient } from '../../registry/api/client.js';
import { openStore, type Store } from '../../registry/store/index.js';
import { databaseKinds } from '../support/registry-databases.js';
import { createRegistryToken, serveRegistry } from '../support/registry-server.js';
import { waitFor } from '../support/wait.js';

const { kinds, stop } = databaseKinds();
afterAll(stop);

/** What the server answered with a 2xx before it was killed. */
interface Acknowledged {
  buckets: string[];
  versions: { bucket: string; fingerprint: string }[];
  builds: { bucket: string; fingerprint: string; id: string; done: boolean }[];
  assignments: { bucket: string; fingerprint: string }[];
}

/**
 * Publishes versions one step at a time, as a build does, until a request fails (the server is gone); `flight`
 * counts requests sent and not yet answered.
 */
async function writeUntilKilled(client: RegistryClient, worker: number, ack: Acknowledged, flight: { n: number }): Promise<void> {
  const step = async <T>(f: () => Promise<T>): Promise<T> => {
    flight.n++;
    try {
      return await f();
    } finally {
      flight.n--;
    }
  };
  try {
    for (let round = 0; ; round++) {
      const bucket = `w${worker}-${round}`;
      const fingerprint = `fp-${worker}-${round}`;
      await step(() => client.createBucket({ name: bucket, description: 'x'.repeat(2000) }));
      ack.buckets.push(bucket);
      await step(() => client.createVersion(bucket, { fingerprint }));
      ack.versions.push({ bucket, fingerprint });
      const build = await step(() => client.createBuild(bucket, fingerprint, { component_type: 'docker.app', status: 'BUILD_RUNNING' }));
      const record = { bucket, fingerprint, id: build.id, done: false };
      ack.builds.push(record);
      await step(() => client.updateBuild(bucket, fingerprint, build.id, { status: 'BUILD_DONE', platform: 'docker', artifacts: [{ external_identifier: `sha256:${fingerprint}`, region: 'docker' }] }));
      record.done = true;
      await step(() => client.assignChannel(bucket, 'prod', fingerprint));
      ack.assignments.push({ bucket, fingerprint });
    }
  } catch {
    // The server was killed: the last request got no answer.
  }
}

/** What is wrong with the database, as sentences (none when it is consistent). */
async function inconsistencies(store: Store): Promise<string[]> {
  const found: string[] = [];
  const rows = async (query: string) => (await sql.raw<Record<string, unknown>>(query).execute(store.db)).rows;
  const check = async (what: string, query: string) => {
    for (const row of await rows(query)) found.push(`${what}: ${JSON.stringify(row)}`);
  };
  if (store.dialect === 'sqlite') {
    const integrity = await rows('PRAGMA integrity_check');
    if (JSON.stringify(integrity) !== JSON.stringify([{ integrity_check: 'ok' }])) found.push(`integrity_check: ${JSON.stringify(integrity)}`);
    await check('foreign_key_check', 'PRAGMA foreign_key_check');
  }
  await check('build without its version', 'SELECT b.id FROM builds b LEFT JOIN versions v ON v.id = b.version_id WHERE v.id IS NULL');
  await check('artifact without its build', 'SELECT a.id FROM artifacts a LEFT JOIN builds b ON b.id = a.build_id WHERE b.id IS NULL');
  await check('bucket without latest', "SELECT b.name FROM buckets b WHERE NOT EXISTS (SELECT 1 FROM channels c WHERE c.bucket_id = b.id AND c.name = 'latest')");
  await check('complete version with a build not done', "SELECT v.fingerprint FROM versions v JOIN builds b ON b.version_id = v.id WHERE v.number IS NOT NULL AND b.status <> 'BUILD_DONE'");
  await check('complete version not active', "SELECT v.fingerprint FROM versions v WHERE v.number IS NOT NULL AND v.status <> 'VERSION_ACTIVE'");
  await check('version count out of step', 'SELECT b.name FROM buckets b WHERE b.version_count <> (SELECT COUNT(v.number) FROM versions v WHERE v.bucket_id = b.id) OR b.version_count <> (SELECT COALESCE(MAX(v.number), 0) FROM versions v WHERE v.bucket_id = b.id)');
  await check('latest not on the newest version', "SELECT b.name FROM buckets b JOIN channels c ON c.bucket_id = b.id AND c.name = 'latest' LEFT JOIN versions v ON v.id = c.version_id WHERE COALESCE(v.number, 0) <> b.version_count");
  await check('channel on a version it has no assignment of', 'SELECT c.name FROM channels c WHERE c.version_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM channel_assignments a WHERE a.channel_id = c.id AND a.version_id = c.version_id)');
  return found;
}

async function checkAcknowledged(client: RegistryClient, ack: Acknowledged): Promise<void> {
  for (const name of ack.buckets) expect(await client.findBucket(name), `bucket ${name}`).toBeDefined();
  for (const v of ack.versions) expect(await client.findVersion(v.bucket, v.fingerprint), `version ${v.fingerprint}`).toBeDefined();
  for (const b of ack.builds) {
    const version = (await client.findVersion(b.bucket, b.fingerprint))!;
    const build = version.builds.find((x) => x.id === b.id);
    expect(build, `build ${b.id} of ${b.fingerprint}`).toBeDefined();
    if (b.done) {
      expect(build).toMatchObject({ status: 'BUILD_DONE', artifacts: [expect.objectContaining({ external_identifier: `sha256:${b.fingerprint}` })] });
      expect(version.name).toBe('v1');
    }
  }
  for (const a of ack.assignments) expect((await client.findChannel(a.bucket, 'prod'))?.version?.fingerprint, `prod of ${a.bucket}`).toBe(a.fingerprint);
}

describe.each(kinds)('the registry killed in the middle of writes on $name', (kind) => {
  const dir = mkdtempSync(join(tmpdir(), 'tsbuild-reliability-crash-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('restarts on a consistent database holding every acknowledged write, and takes writes again', async () => {
    const db = kind.name === 'sqlite' ? join(dir, 'reg.db') : await kind.create();
    const first = await serveRegistry(dir, db);
    const token = await createRegistryToken(dir, db, 'write');
    const client = new RegistryClient({ url: first.url, token });
    const ack: Acknowledged = { buckets: [], versions: [], builds: [], assignments: [] };
    const flight = { n: 0 };
    const workers = Array.from({ length: 8 }, (_, w) => writeUntilKilled(client, w, ack, flight));
    try {
      // Writes are flowing: some answered, others sent and waiting for their answer.
      await waitFor(() => ack.assignments.length >= 8 && flight.n > 0, { what: 'writes to be acknowledged while others are in flight' });
      first.server.kill('SIGKILL');
      await Promise.all(workers);
    } finally {
      first.server.kill('SIGKILL');
    }
    expect((await first.server.exited).code).toBeNull();

    const store = await openStore(db);
    try {
      expect(await inconsistencies(store)).toEqual([]);
      if (store.dialect === 'sqlite') {
        // The journal mode is the file's; synchronous is set by every connection the registry opens, as this one.
        expect((await sql.raw('PRAGMA journal_mode').execute(store.db)).rows).toEqual([{ journal_mode: 'wal' }]);
        expect((await sql.raw('PRAGMA synchronous').execute(store.db)).rows).toEqual([{ synchronous: 2 }]);
      }
    } finally {
      await store.close();
    }

    const second = await serveRegistry(dir, db);
    try {
      const again = new RegistryClient({ url: second.url, token });
      await checkAcknowledged(again, ack);
      await again.createBucket({ name: 'after-restart' });
      await again.createVersion('after-restart', { fingerprint: 'fp' });
      const build = await again.createBuild('after-restart', 'fp', { component_type: 'docker.app' });
      await again.updateBuild('after-restart', 'fp', build.id, { status: 'BUILD_DONE', artifacts: [{ external_identifier: 'sha256:after', region: 'docker' }] });
      expect((await again.findBucket('after-restart'))!.latest_version).toMatchObject({ name: 'v1' });
    } finally {
      second.server.kill('SIGTERM');
      await second.server.exited;
    }
  });
});
