// Terraform reads a channel's image from the registry with no provider to download: the built-in
// `terraform_remote_state` data source with the http backend, run by the real `terraform` binary.

import type { ServerType } from '@hono/node-server';
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, createCaches } from '../../registry/server/app.js';
import { listenRegistry } from '../../registry/server/listen.js';
import { createBucket, createBuild, createChannel, createToken, createVersion, revokeVersion, updateBuild, type Store } from '../../registry/store/index.js';
import { needs } from '../support/needs.js';
import { terraform, TERRAFORM, terraformEnv } from '../support/terraform.js';
import { storeKinds } from '../support/registry-stores.js';

const { kinds, stopStores } = storeKinds();
let store: Store;
let server: ServerType;
let base: string;
let readToken: string;

beforeAll(async () => {
  store = await kinds.find((k) => k.name === 'sqlite')!.open();
  // As `registry serve`: Terraform's reads are answered by the listener's lookups.
  const caches = createCaches();
  server = await listenRegistry(createApp({ store, caches }), '127.0.0.1', 0, { store, caches });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  readToken = (await createToken(store, 'read', { author: 'test' })).token;
  await createBucket(store, { name: 'golden' }, 'test');
  for (const [fingerprint, ami] of [
    ['fp-1', 'ami-0001'],
    ['fp-2', 'ami-0002'],
  ] as const) {
    await createVersion(store, 'golden', { fingerprint }, 'test');
    const build = await createBuild(store, 'golden', fingerprint, { component_type: 'amazon-ebs.ubuntu', platform: 'aws', status: 'BUILD_RUNNING' }, 'test');
    await updateBuild(store, 'golden', fingerprint, build.id, { status: 'BUILD_DONE', artifacts: [{ external_identifier: ami, region: 'us-east-1', labels: {} }] }, 'test');
  }
  await createChannel(store, 'golden', { name: 'production', version_fingerprint: 'fp-1' }, 'test');
});
afterAll(async () => {
  await new Promise<void>((closed) => server?.close(() => closed()));
  await stopStores();
});

function runTerraform(dir: string, args: string[]): Promise<{ code: number; out: string; stdout: string }> {
  const env = terraformEnv(dir);
  return new Promise((done) =>
    execFile(TERRAFORM!, args, { cwd: dir, env, timeout: 120_000 }, (err, stdout, stderr) =>
      done({ code: err ? ((err as { code?: number }).code ?? 1) : 0, out: stdout + stderr, stdout }),
    ),
  );
}

/** Applies a configuration that reads `channel` of bucket golden and outputs what it read. */
async function readChannel(channel: string, token = readToken): Promise<{ code: number; out: string; outputs?: Record<string, { value: unknown }> }> {
  const dir = mkdtempSync(join(tmpdir(), 'tsbuild-terraform-'));
  writeFileSync(
    join(dir, 'main.tf'),
    `data "terraform_remote_state" "image" {
  backend = "http"
  config = {
    address  = "${base}/terraform/v1/buckets/golden/channels/${channel}"
    username = "tsbuild"
    password = "${token}"
  }
}
output "ami" { value = data.terraform_remote_state.image.outputs.artifacts["aws"]["us-east-1"] }
output "version" { value = data.terraform_remote_state.image.outputs.version_name }
output "revoked" { value = data.terraform_remote_state.image.outputs.revoked }
output "error_revoked" { value = data.terraform_remote_state.image.outputs.error_revoked }
`,
  );
  const init = await runTerraform(dir, ['init', '-input=false', '-no-color']);
  if (init.code !== 0) return init;
  const apply = await runTerraform(dir, ['apply', '-auto-approve', '-input=false', '-no-color']);
  if (apply.code !== 0) return apply;
  const out = await runTerraform(dir, ['output', '-json']);
  return { ...out, outputs: JSON.parse(out.stdout) as Record<string, { value: unknown }> };
}

needs(terraform).describe('terraform_remote_state over the registry', () => {
  it('reads the AMI of a channel, and follows the channel when it moves', async () => {
    const first = await readChannel('production');
    expect(first.code, first.out).toBe(0);
    expect(first.outputs).toMatchObject({ ami: { value: 'ami-0001' }, version: { value: 'v1' }, revoked: { value: false }, error_revoked: { value: '' } });
    const latest = await readChannel('latest');
    expect(latest.outputs).toMatchObject({ ami: { value: 'ami-0002' }, version: { value: 'v2' } });
  });

  it('shows a revoked version as revoked, with the message', async () => {
    // Without disable_rollback_channels the channel would roll back off the revoked version (and latest always does).
    await revokeVersion(store, 'golden', 'fp-1', { revokeAt: new Date(0).toISOString(), message: 'CVE-2026-0001', disableRollback: true }, 'test');
    const r = await readChannel('production');
    expect(r.code, r.out).toBe(0);
    expect(r.outputs).toMatchObject({ revoked: { value: true }, error_revoked: { value: expect.stringContaining('is revoked: CVE-2026-0001') } });
  });

  it('fails without a valid token, with the registry\'s refusal', async () => {
    const r = await readChannel('production', 'not-a-token');
    expect(r.code).not.toBe(0);
    // Terraform's http backend words a 401 so.
    expect(r.out).toContain('HTTP remote state endpoint requires auth');
  });
});
