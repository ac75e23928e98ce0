// `tsbuild registry buckets | versions | builds | channels | channel set | revoke | restore` through the real CLI
// against a real registry server: tables for people, `-json` (the API objects) for scripts, and failures that name
// the registry's address with exit 1.

import { writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Bucket, Build, Channel, Version } from '../../registry/api/types.js';
import { runCli } from '../support/cli.js';
import { startRegistry, type TestRegistry } from '../support/registry-server.js';

let reg: TestRegistry;

/** A complete version with one docker build whose artifact is `sha256:<fingerprint>`. */
async function publish(bucket: string, fingerprint: string): Promise<void> {
  expect((await reg.api(`/buckets/${bucket}/versions`, { method: 'POST', body: { fingerprint } })).status).toBe(200);
  const created = await reg.api<{ build: Build }>(`/buckets/${bucket}/versions/${fingerprint}/builds`, { method: 'POST', body: { component_type: 'docker.app', platform: 'docker' } });
  const done = { status: 'BUILD_DONE', artifacts: [{ external_identifier: `sha256:${fingerprint}`, region: 'docker', labels: {} }] };
  expect((await reg.api(`/buckets/${bucket}/versions/${fingerprint}/builds/${created.body.build.id}`, { method: 'PATCH', body: done })).status).toBe(200);
}

/** A loopback address where nothing listens (a port just released). */
async function closedAddress(): Promise<string> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as { port: number };
  await new Promise((done) => server.close(done));
  return `http://127.0.0.1:${port}`;
}

/** Runs `tsbuild registry ...` with the registry's address and `token` (the write token unless given). */
function registry(args: string[], token = reg.token) {
  return runCli(['registry', ...args], { cwd: reg.dir, env: { TSBUILD_REGISTRY_URL: reg.url, TSBUILD_REGISTRY_TOKEN: token } });
}

async function json<T>(args: string[]): Promise<T> {
  const r = await registry([...args, '-json']);
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as T;
}

/** The table's rows, cells split on runs of two or more spaces. */
function rows(stdout: string): string[][] {
  return stdout.trimEnd().split('\n').map((line) => line.split(/ {2,}/));
}

beforeAll(async () => {
  reg = await startRegistry('tsbuild-registry-commands-');
  expect((await reg.api('/buckets', { method: 'POST', body: { name: 'app', description: 'the app image' } })).status).toBe(200);
  await publish('app', 'fp-one');
  await publish('app', 'fp-two');
  expect((await reg.api('/buckets/app/channels', { method: 'POST', body: { name: 'prod', version_fingerprint: 'fp-one' } })).status).toBe(200);
});
afterAll(() => reg?.stop());

describe('tsbuild registry subcommands', () => {
  it('buckets: a table with the latest version, and -json the API buckets', async () => {
    const r = await registry(['buckets']);
    expect(r.code, r.stderr).toBe(0);
    expect(rows(r.stdout)).toEqual([
      ['NAME', 'LATEST', 'VERSIONS', 'PLATFORMS', 'DESCRIPTION'],
      ['app', 'v2 (fp-two)', '2', 'docker', 'the app image'],
    ]);
    const buckets = await json<Bucket[]>(['buckets']);
    expect(buckets).toMatchObject([{ name: 'app', version_count: '2', latest_version: { fingerprint: 'fp-two' } }]);
  });

  it('versions: newest first, aligned columns, and -json the API versions', async () => {
    const r = await registry(['versions', 'app']);
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    // Aligned: every row's STATUS column starts where the header's does.
    const at = lines[0]!.indexOf('STATUS');
    expect(lines.slice(1).map((l) => l.slice(at, at + 6))).toEqual(['ACTIVE', 'ACTIVE']);
    expect(rows(r.stdout).map((row) => row.slice(0, 4))).toEqual([
      ['NAME', 'FINGERPRINT', 'STATUS', 'BUILDS'],
      ['v2', 'fp-two', 'ACTIVE', '1'],
      ['v1', 'fp-one', 'ACTIVE', '1'],
    ]);
    const versions = await json<Version[]>(['versions', 'app']);
    expect(versions.map((v) => [v.fingerprint, v.status])).toEqual([
      ['fp-two', 'VERSION_ACTIVE'],
      ['fp-one', 'VERSION_ACTIVE'],
    ]);
  });

  it('builds: one row per artifact, and -json the API builds', async () => {
    const r = await registry(['builds', 'app', 'fp-one']);
    expect(r.code, r.stderr).toBe(0);
    const builds = await json<Build[]>(['builds', 'app', 'fp-one']);
    expect(builds).toMatchObject([{ component_type: 'docker.app', platform: 'docker', status: 'BUILD_DONE', artifacts: [{ external_identifier: 'sha256:fp-one', region: 'docker' }] }]);
    expect(rows(r.stdout)).toEqual([
      ['COMPONENT', 'PLATFORM', 'STATUS', 'REGION', 'ARTIFACT', 'COMMIT', 'BUILD ID'],
      ['docker.app', 'docker', 'DONE', 'docker', 'sha256:fp-one', '-', builds[0]!.id],
    ]);
  });

  it('channels and channel set: the managed latest and user channels; set moves a channel and creates a new one', async () => {
    const r = await registry(['channels', 'app']);
    expect(r.code, r.stderr).toBe(0);
    expect(rows(r.stdout).map((row) => row.slice(0, 4))).toEqual(
      expect.arrayContaining([
        ['NAME', 'VERSION', 'STATUS', 'KIND'],
        ['latest', 'v2 (fp-two)', 'ACTIVE', 'managed'],
        ['prod', 'v1 (fp-one)', 'ACTIVE', 'user'],
      ]),
    );
    const set = await registry(['channel', 'set', 'app', 'prod', 'fp-two']);
    expect(set.code, set.stderr).toBe(0);
    expect(set.stdout).toBe('Channel prod of bucket app now points at v2 (fp-two).\n');
    const created = await json<Channel>(['channel', 'set', 'app', 'staging', 'fp-one']);
    expect(created).toMatchObject({ name: 'staging', managed: false, version: { fingerprint: 'fp-one' } });
    const channels = await json<Channel[]>(['channels', 'app']);
    expect(Object.fromEntries(channels.map((c) => [c.name, c.version?.fingerprint]))).toEqual({ latest: 'fp-two', prod: 'fp-two', staging: 'fp-one' });
  });

  it('revoke (scheduled, then now) and restore: the versions read as the server reports them', async () => {
    const scheduled = await json<Version>(['revoke', 'app', 'fp-one', '-in', '72h', '-message', 'old kernel']);
    expect(scheduled).toMatchObject({ status: 'VERSION_REVOCATION_SCHEDULED', revocation_message: 'old kernel' });
    const now = await registry(['revoke', 'app', 'fp-one', '-message', 'CVE-2026-1', '-skip-descendants', '-no-rollback']);
    expect(now.code, now.stderr).toBe(0);
    expect(now.stdout).toBe('Version v1 (fp-one) of bucket app is revoked: CVE-2026-1.\n');
    const listed = await registry(['versions', 'app']);
    expect(rows(listed.stdout)[2]!.slice(0, 3)).toEqual(['v1', 'fp-one', 'REVOKED']);
    const restored = await registry(['restore', 'app', 'fp-one']);
    expect(restored.code, restored.stderr).toBe(0);
    expect(restored.stdout).toBe('Version v1 (fp-one) of bucket app is active.\n');
    const at = new Date(Date.now() + 86_400_000).toISOString();
    const later = await registry(['revoke', 'app', 'fp-one', '-at', at]);
    expect(later.stdout).toMatch(/^Version v1 \(fp-one\) of bucket app will be revoked at \d{4}-/);
    expect((await json<Version>(['restore', 'app', 'fp-one'])).status).toBe('VERSION_ACTIVE');
  });

  it('a read token lists but is refused a change, with the server message and the address; exit 1', async () => {
    const created = await runCli(['registry', 'token', 'create', '-db', 'reg.db', '-scope', 'read'], { cwd: reg.dir });
    expect(created.code, created.stderr).toBe(0);
    const readToken = created.stdout.trimEnd().split('\n').pop()!;
    expect((await registry(['buckets'], readToken)).code).toBe(0);
    const refused = await registry(['revoke', 'app', 'fp-two'], readToken);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toBe(
      `Error: the image registry at ${reg.url} refused PATCH /buckets/app/versions/fp-two: 403 a read token cannot change the registry: use a write or admin token (TSBUILD_REGISTRY_TOKEN needs a write or admin token)\n`,
    );
    expect(refused.stdout).toBe('');
    const set = await registry(['channel', 'set', 'app', 'prod', 'fp-one'], readToken);
    expect(set.code).toBe(1);
    expect(set.stderr).toContain(`the image registry at ${reg.url} refused`);
  });

  it('a missing bucket, an unreachable registry and no address fail with exit 1 and say why', async () => {
    const missing = await registry(['versions', 'nope']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(new RegExp(`the image registry at ${reg.url} refused GET /buckets/nope/versions: 404 .*nope`));
    const closed = await closedAddress();
    const down = await runCli(['registry', 'buckets'], { cwd: reg.dir, env: { TSBUILD_REGISTRY_URL: closed, TSBUILD_REGISTRY_TOKEN: reg.token } });
    expect(down.code).toBe(1);
    expect(down.stderr).toContain(`the image registry at ${closed} did not answer GET /buckets: connection refused`);
    const unset = await runCli(['registry', 'buckets'], { cwd: reg.dir, env: { TSBUILD_REGISTRY_URL: '', TSBUILD_REGISTRY_TOKEN: '' } });
    expect(unset.code).toBe(1);
    expect(unset.stderr).toContain('TSBUILD_REGISTRY_URL is not set');
  });

  it('-at and -in together are refused before any request', async () => {
    const r = await registry(['revoke', 'app', 'fp-two', '-at', '2030-01-01T00:00:00Z', '-in', '1h']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('Error: give -at TIME or -in DURATION, not both\n');
  });

  it('loads the API client only: no database driver, store or HTTP server library', async () => {
    const trace = join(reg.dir, 'trace.cjs');
    writeFileSync(trace, "const M = require('module'); const load = M._load; M._load = function (r, ...a) { if (!r.startsWith('node:')) process.stderr.write('loaded ' + r + '\\n'); return load.call(this, r, ...a); };\n");
    const env = { TSBUILD_REGISTRY_URL: reg.url, TSBUILD_REGISTRY_TOKEN: reg.token, NODE_OPTIONS: `--require ${trace}` };
    for (const args of [['buckets'], ['channel', 'set', 'app', 'prod', 'fp-two'], ['revoke', 'app', 'fp-one', '-in', '1h'], ['restore', 'app', 'fp-one']]) {
      const r = await runCli(['registry', ...args], { cwd: reg.dir, env });
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).not.toMatch(/^loaded (better-sqlite3|pg|hono|@hono\/node-server|kysely|ulid)$/m);
    }
  });
});
