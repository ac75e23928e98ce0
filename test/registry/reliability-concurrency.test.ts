// 100 publishing runs at once against real `tsbuild registry serve` processes (two replicas on one database for
// PostgreSQL), each doing what a build does through the real Publisher: bucket find-or-create (several runs race to
// create the same new bucket), version, builds RUNNING then DONE with artifacts (or one FAILED), channel assignment
// (several runs share a channel). Then every version and build must be there, complete versions numbered v1..vN with
// no gap or repeat per bucket, and each channel's history consistent with what it serves. And replicas whose clocks
// disagree (one's ids sort before the other's) still keep channel histories in the order of the writes.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { monotonicFactory } from 'ulid';
import { RegistryClient, type RegistryError } from '../../registry/api/client.js';
import { API_PREFIX, type Channel, type Version } from '../../registry/api/types.js';
import { createBucket, createBuild, createChannel, createVersion, getChannel, listChannelHistory, openStore, updateBuild, updateChannel, type Store } from '../../registry/store/index.js';
import type { Artifact } from '../../src/plugin/artifact.js';
import { Publisher, type PublishRun } from '../../src/publish/publisher.js';
import type { PublishTarget } from '../../src/publish/target.js';
import type { Ui } from '../../src/ui/ui.js';
import { databaseKinds } from '../support/registry-databases.js';
import { createRegistryToken, serveRegistry, type ServeProcess } from '../support/registry-server.js';

const { kinds, stop } = databaseKinds();
afterAll(stop);

interface Run {
  bucket: string;
  fingerprint: string;
  builds: string[];
  channels: string[];
  /** A build that fails: the version stays incomplete and no channel is assigned. */
  fails?: string;
}

/** Buckets `fresh-*` do not exist before the runs (they race to create them); `pre` does. */
function plannedRuns(): Run[] {
  return Array.from({ length: 100 }, (_, i) => ({
    bucket: i < 20 ? 'pre' : `fresh-${i % 4}`,
    fingerprint: `fp-${String(i).padStart(3, '0')}`,
    builds: ['null.a', 'file.b'].slice(0, 1 + (i % 2)),
    channels: i % 3 === 0 ? ['prod'] : i % 3 === 1 ? ['prod', 'qa'] : [],
    ...(i % 25 === 7 ? { fails: 'null.a' } : {}),
  }));
}

const quietUi = (): Ui => ({ say: () => {}, message: () => {}, error: () => {}, machine: () => {}, ask: async () => '' });

const imageOf = (run: Run, build: string) => `sha256:${run.fingerprint}-${build}`;

function artifactOf(run: Run, build: string): Artifact {
  const image = { platform: 'docker', externalId: imageOf(run, build), region: 'docker', labels: { build } };
  return { builderId: 'test', id: image.externalId, files: [], string: image.externalId, images: [image], destroy: async () => {} };
}

/** What `tsbuild build` does with a publishing run: open, each build started then finished (in parallel), finish. */
function targetOf(client: RegistryClient, run: Run, i: number): PublishTarget {
  const settings = { channels: run.channels, ...(i % 2 === 0 ? { description: `run ${i}`, bucketLabels: { run: String(i) } } : {}) };
  return { client, bucket: run.bucket, settings, fingerprint: run.fingerprint, resumed: false };
}

/** The builds of a run as `tsbuild build` hands them to the publisher. */
const runOf = (run: Run, runUuid: string): PublishRun => ({ builds: run.builds.map((name) => ({ name, metadata: {} })), ui: quietUi(), runUuid });

/** `shared`: other runs build the same fingerprint, so a build may be done by one of them before this one starts it. */
async function publishRun(client: RegistryClient, run: Run, i: number, shared = false): Promise<Version | undefined> {
  const publisher = await Publisher.open(targetOf(client, run, i), runOf(run, `uuid-${i}`));
  await Promise.all(
    run.builds.map(async (name) => {
      const running = await publisher.started(name);
      if (shared && !running) return;
      expect(running).toBe(true);
      if (run.fails === name) await publisher.failed(name, false);
      else await publisher.finished(name, [artifactOf(run, name)]);
    }),
  );
  return publisher.finish();
}

describe.each(kinds)('100 concurrent publishing runs on $name', (kind) => {
  const dir = mkdtempSync(join(tmpdir(), 'tsbuild-reliability-'));
  const servers: ServeProcess[] = [];
  let clients: RegistryClient[];
  let token: string;
  beforeAll(async () => {
    const db = kind.name === 'sqlite' ? join(dir, 'reg.db') : await kind.create();
    // PostgreSQL: two replicas starting at once on one database (they migrate it once between them).
    servers.push(...(await Promise.all(Array.from({ length: kind.name === 'postgres' ? 2 : 1 }, () => serveRegistry(dir, db)))));
    token = await createRegistryToken(dir, db, 'write');
    clients = servers.map((s) => new RegistryClient({ url: s.url, token, timeoutMs: 60_000 }));
    await clients[0]!.createBucket({ name: 'pre' });
  });
  afterAll(() => {
    for (const s of servers) s.server.kill();
    rmSync(dir, { recursive: true, force: true });
  });

  it('loses no version, build or channel assignment', async () => {
    const runs = plannedRuns();
    const results = await Promise.allSettled(runs.map((run, i) => publishRun(clients[i % clients.length]!, run, i)));
    const failures = results.flatMap((r, i) => (r.status === 'rejected' ? [`run ${i}: ${(r.reason as Error).message}`] : []));
    expect(failures, servers.map((s) => s.server.output()).join('\n')).toEqual([]);
    const done = (run: Run) => run.fails === undefined;
    const client = clients[clients.length - 1]!;
    for (const bucket of [...new Set(runs.map((r) => r.bucket))]) {
      const ofBucket = runs.filter((r) => r.bucket === bucket);
      const complete = ofBucket.filter(done);
      const versions = await client.listVersions(bucket);
      expect(versions.map((v) => v.fingerprint).sort()).toEqual(ofBucket.map((r) => r.fingerprint).sort());
      const names = versions.filter((v) => v.name !== 'v0').map((v) => Number(v.name.slice(1)));
      expect(names.sort((a, b) => a - b)).toEqual(complete.map((_, n) => n + 1));
      expect((await client.findBucket(bucket))!.version_count).toBe(String(complete.length));
      for (const run of ofBucket) {
        const v = versions.find((x) => x.fingerprint === run.fingerprint)!;
        expect(v.status).toBe(done(run) ? 'VERSION_ACTIVE' : 'VERSION_FAILED');
        const builds = [...v.builds].sort((a, b) => a.component_type.localeCompare(b.component_type));
        const expected = [...run.builds].sort().map((name) =>
          run.fails === name
            ? expect.objectContaining({ component_type: name, status: 'BUILD_FAILED', artifacts: [] })
            : expect.objectContaining({ component_type: name, status: 'BUILD_DONE', platform: 'docker', artifacts: [expect.objectContaining({ external_identifier: imageOf(run, name), region: 'docker' })] }),
        );
        expect(builds).toEqual(expected);
      }
      const byNumber = [...versions].filter((v) => v.name !== 'v0').sort((a, b) => Number(b.name.slice(1)) - Number(a.name.slice(1)));
      await checkChannel(client, bucket, 'latest', byNumber);
      for (const channel of ['prod', 'qa']) {
        const assigning = complete.filter((r) => r.channels.includes(channel)).map((r) => versions.find((v) => v.fingerprint === r.fingerprint)!);
        await checkChannel(client, bucket, channel, assigning);
      }
    }
  });

  it('lets runs resuming one fingerprint at once share its version and builds', async () => {
    const run: Run = { bucket: 'resumed', fingerprint: 'fp-shared', builds: ['null.a', 'file.b'], channels: ['prod'] };
    const published = await Promise.all(Array.from({ length: 6 }, (_, i) => publishRun(clients[i % clients.length]!, run, 200 + i, true)));
    // A run may finish while another still builds a component they share: it reports the version incomplete (v0).
    expect(published.map((v) => v?.name)).toContain('v1');
    for (const v of published) expect(['v0', 'v1']).toContain(v?.name);
    const versions = await clients[0]!.listVersions('resumed');
    expect(versions.map((v) => [v.fingerprint, v.name, v.builds.map((b) => `${b.component_type} ${b.status}`).sort()])).toEqual([['fp-shared', 'v1', ['file.b BUILD_DONE', 'null.a BUILD_DONE']]]);
    await checkChannel(clients[0]!, 'resumed', 'latest', versions);
  });

  it('keeps a shared version complete when a run that opened it starts late', async () => {
    const run: Run = { bucket: 'late', fingerprint: 'fp-late', builds: ['null.a'], channels: [] };
    const late = await Publisher.open(targetOf(clients[0]!, run, 1), runOf(run, 'uuid-late'));
    expect((await publishRun(clients[clients.length - 1]!, run, 3))?.name).toBe('v1');
    expect(await late.started('null.a')).toBe(false);
    const version = (await clients[0]!.findVersion('late', 'fp-late'))!;
    await expect(clients[0]!.updateBuild('late', 'fp-late', version.builds[0]!.id, { status: 'BUILD_FAILED' })).rejects.toMatchObject({ status: 409 });
    expect((await clients[0]!.findVersion('late', 'fp-late'))!).toMatchObject({ name: 'v1', status: 'VERSION_ACTIVE', builds: [{ status: 'BUILD_DONE' }] });
  });

  it('answers writes that race the deletion of their bucket with a 404 or 409, never a 500', async () => {
    const statuses = new Set<number | string>();
    const outcome = (p: Promise<unknown>) => p.then(() => 200, (e: RegistryError) => e.status ?? e.message);
    await Promise.all(
      Array.from({ length: 30 }, async (_, i) => {
        const [a, b] = [clients[i % clients.length]!, clients[(i + 1) % clients.length]!];
        const bucket = `doomed-${i}`;
        await a.createBucket({ name: bucket });
        await a.createVersion(bucket, { fingerprint: 'done' });
        const build = await a.createBuild(bucket, 'done', { component_type: 'docker.app' });
        await a.updateBuild(bucket, 'done', build.id, { status: 'BUILD_DONE', artifacts: [{ external_identifier: `sha256:${i}`, region: 'docker' }] });
        const deleted = fetch(`${b.url}${API_PREFIX}/buckets/${bucket}`, { method: 'DELETE', headers: { authorization: `Bearer ${token}` } }).then((r) => r.status);
        const results = await Promise.all([
          deleted,
          outcome(a.createVersion(bucket, { fingerprint: 'racing' })),
          outcome(a.createBuild(bucket, 'done', { component_type: 'docker.late' })),
          outcome(a.assignChannel(bucket, 'prod', 'done')),
          outcome(a.updateBucket(bucket, { description: 'racing' })),
        ]);
        for (const s of results) statuses.add(s);
      }),
    );
    expect([...statuses].filter((s) => ![200, 404, 409].includes(s as number))).toEqual([]);
  });
});

/** The channel's history holds one assignment per version in `assigned` (for `latest`: in this order, newest first) and it serves the newest. */
async function checkChannel(client: RegistryClient, bucket: string, name: string, assigned: Version[]): Promise<void> {
  const channel: Channel | undefined = await client.findChannel(bucket, name);
  if (assigned.length === 0) return expect(channel?.version).toBeUndefined();
  const history = (await client.listChannelHistory(bucket, name)).map((h) => h.version!.fingerprint);
  const fingerprints = assigned.map((v) => v.fingerprint);
  if (name === 'latest') expect(history).toEqual(fingerprints);
  else expect([...history].sort()).toEqual([...fingerprints].sort());
  expect(channel!.version!.fingerprint, `${bucket}/${name} serves its newest assignment`).toBe(history[0]);
}

async function publishOne(store: Store, fingerprint: string): Promise<void> {
  await createVersion(store, 'app', { fingerprint }, 'test');
  const build = await createBuild(store, 'app', fingerprint, { component_type: 'docker.app' }, 'test');
  await updateBuild(store, 'app', fingerprint, build.id, { status: 'BUILD_DONE', artifacts: [{ external_identifier: `sha256:${fingerprint}`, region: 'docker' }] }, 'test');
}

describe('replicas whose clocks disagree, on postgres', () => {
  it('keep each channel history in write order', async () => {
    const url = await kinds.find((k) => k.name === 'postgres')!.create();
    const ahead = await openStore(url);
    const behind = await openStore(url);
    try {
      // An hour behind: every id it makes sorts before the other replica's.
      const late = monotonicFactory();
      behind.newId = () => late(Date.now() - 3_600_000);
      await createBucket(ahead, { name: 'app' }, 'test');
      await publishOne(ahead, 'one');
      await publishOne(behind, 'two');
      await createChannel(ahead, 'app', { name: 'prod', version_fingerprint: 'one' }, 'test');
      await updateChannel(behind, 'app', 'prod', { version_fingerprint: 'two' }, 'test');
      for (const channel of ['prod', 'latest']) {
        const history = (await listChannelHistory(ahead, 'app', channel)).items.map((h) => h.version!.fingerprint);
        expect(history, channel).toEqual(['two', 'one']);
        expect((await getChannel(ahead, 'app', channel)).version!.fingerprint).toBe('two');
      }
    } finally {
      await Promise.all([ahead.close(), behind.close()]);
    }
  });
});
