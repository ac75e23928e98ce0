// The hcp-packer-version and hcp-packer-artifact data sources against a real `tsbuild registry serve`: a template
// published by one build is read by a second one (its outputs used in a file's content), which records the version
// it read as its parent; missing buckets, channels and artifacts, and revoked versions, fail at the data block.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Bucket, Version } from '../../registry/api/types.js';
import { startRegistry, type TestRegistry } from '../support/registry-server.js';

let reg: TestRegistry;

beforeAll(async () => {
  reg = await startRegistry('tsbuild-registry-data-');
});
afterAll(() => reg?.stop());

/** Publishes a version of a null build to `bucket`, assigned to `channel`; returns it. */
async function publish(bucket: string, channel: string): Promise<Version> {
  const r = await reg.build({
    'main.pkr.hcl': `
source "null" "base" { communicator = "none" }
hcp_packer_registry {
  bucket_name  = "${bucket}"
  build_labels = { os = "none" }
  channels     = ["${channel}"]
}
build { sources = ["source.null.base"] }
`,
  });
  expect(r.code, r.stdout).toBe(0);
  return (await reg.api<{ bucket: Bucket }>(`/buckets/${bucket}`)).body.bucket.latest_version!;
}

const CONSUMER = `
data "hcp-packer-version" "base" {
  bucket_name  = "base"
  channel_name = "production"
}
data "hcp-packer-artifact" "base" {
  bucket_name         = data.hcp-packer-version.base.bucket_name
  version_fingerprint = data.hcp-packer-version.base.fingerprint
  platform            = "null"
  region              = "null"
}
source "file" "out" {
  content = join(" ", [
    data.hcp-packer-version.base.name, data.hcp-packer-version.base.fingerprint, data.hcp-packer-version.base.status,
    data.hcp-packer-artifact.base.external_identifier, data.hcp-packer-artifact.base.component_type,
    data.hcp-packer-artifact.base.version_id, data.hcp-packer-artifact.base.labels.os,
  ])
  target = "out.txt"
}
hcp_packer_registry { bucket_name = "app" }
build { sources = ["source.file.out"] }
`;

describe('registry data sources', () => {
  it('read a channel\'s version and its artifact; the version the build publishes records it as its parent', async () => {
    const base = await publish('base', 'production');
    const r = await reg.build({ 'main.pkr.hcl': CONSUMER });
    expect(r.code, r.stdout).toBe(0);
    expect(readFileSync(join(r.project, 'out.txt'), 'utf8')).toBe(`v1 ${base.fingerprint} VERSION_ACTIVE Null null.base ${base.id} none`);
    const app = (await reg.api<{ bucket: Bucket }>('/buckets/app')).body.bucket.latest_version!;
    expect(app.parent_version_id).toBe(base.id);
    // The artifact was read by fingerprint, the version through the channel: the builds record that channel, so
    // the registry can tell whether the parent is still the channel's.
    const channel = (await reg.api<{ channel: { id: string } }>('/buckets/base/channels/production')).body.channel;
    expect(app.builds[0]).toMatchObject({ parent_version_id: base.id, parent_channel_id: channel.id });
    expect(app.parents?.status).toBe('UP_TO_DATE');
  });

  it('fail at the data block for a missing bucket, channel or artifact, both a channel and a fingerprint, or no registry address', async () => {
    await publish('listed', 'production');
    const r = await reg.build({
      'main.pkr.hcl': `
data "hcp-packer-version" "no_bucket" {
  bucket_name  = "nowhere"
  channel_name = "production"
}
data "hcp-packer-version" "no_channel" {
  bucket_name  = "listed"
  channel_name = "staging"
}
data "hcp-packer-artifact" "no_region" {
  bucket_name  = "listed"
  channel_name = "production"
  platform     = "null"
  region       = "eu-west-1"
}
data "hcp-packer-artifact" "both" {
  bucket_name         = "listed"
  channel_name        = "production"
  version_fingerprint = "01M8W30Q9A7X1K5VCBMAA122EY"
  platform            = "null"
  region              = "null"
}
source "null" "n" { communicator = "none" }
build { sources = ["source.null.n"] }
`,
    });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/Data source "hcp-packer-version.no_bucket" failed\n\n  on main\.pkr\.hcl line 2[\s\S]*bucket "nowhere" not found in the image registry at http:\/\/127\.0\.0\.1:\d+/);
    expect(r.stdout).toContain('channel "staging" not found in bucket "listed" (its channels: latest, production)');
    expect(r.stdout).toMatch(/has no artifact for platform "null", region "eu-west-1": its null artifacts are in: null \(null\.base\)/);
    expect(r.stdout).toContain('`version_fingerprint` and `channel_name` cannot be specified together');
    const unset = await reg.build({ 'main.pkr.hcl': CONSUMER }, { TSBUILD_REGISTRY_URL: '' });
    expect(unset.code).toBe(1);
    expect(unset.stdout).toContain('TSBUILD_REGISTRY_URL is not set: set it to the address of the image registry');
  });

  it('fail for a revoked version with its message; a version scheduled for revocation works, with a warning', async () => {
    const revoked = await publish('revoked', 'production');
    const later = await publish('later', 'production');
    const now = await reg.api(`/buckets/revoked/versions/${revoked.fingerprint}`, { method: 'PATCH', body: { revoke_in: '0s', revocation_message: 'CVE-2026-0001 in openssl' } });
    expect(now.status).toBe(200);
    const at = new Date(Date.now() + 86_400_000).toISOString();
    expect((await reg.api(`/buckets/later/versions/${later.fingerprint}`, { method: 'PATCH', body: { revoke_at: at, revocation_message: 'end of support' } })).status).toBe(200);

    const template = (bucket: string, fingerprint: string) => `
data "hcp-packer-artifact" "a" {
  bucket_name         = "${bucket}"
  version_fingerprint = "${fingerprint}"
  platform            = "null"
  region              = "null"
}
source "file" "out" {
  content = data.hcp-packer-artifact.a.external_identifier
  target  = "out.txt"
}
build { sources = ["source.file.out"] }
`;
    const refused = await reg.build({ 'main.pkr.hcl': template('revoked', revoked.fingerprint) });
    expect(refused.code).toBe(1);
    expect(refused.stdout).toContain(`version v1 (fingerprint ${revoked.fingerprint}) of bucket "revoked" is revoked: CVE-2026-0001 in openssl`);
    const used = await reg.build({ 'main.pkr.hcl': template('later', later.fingerprint) });
    expect(used.code, used.stdout).toBe(0);
    expect(used.stdout).toContain(`is scheduled for revocation at ${at}: end of support`);
    expect(readFileSync(join(used.project, 'out.txt'), 'utf8')).toBe('Null');
  });
});
