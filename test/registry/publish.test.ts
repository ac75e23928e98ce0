// `tsbuild build` publishing to a real `tsbuild registry serve` (SQLite), checked through the registry's API: what a
// run records (bucket, version, builds, artifacts, channels), failures, resume, a registry that is down, and off.

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type Dockerode from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Bucket, Channel, Version } from '../../registry/api/types.js';
import { removeImages, TEST_IMAGE, testDocker } from '../support/docker.js';
import { startRegistry, type TestRegistry } from '../support/registry-server.js';
import { freePort } from '../support/wait.js';

let reg: TestRegistry;
let url: string;

beforeAll(async () => {
  reg = await startRegistry('tsbuild-publish-');
  url = reg.url;
});
afterAll(() => reg?.stop());

const api = <T>(path: string) => reg.api<T>(path);
const build = (files: Record<string, string>, env: Record<string, string> = {}, args: string[] = []) => reg.build(files, env, args);

const NULL_AND_FILE = `
variable "fail" {
  type    = bool
  default = false
}
source "null" "base" { communicator = "none" }
source "file" "notes" {
  content = "hello"
  target  = "notes.txt"
}
hcp_packer_registry {
  bucket_name   = "BUCKET"
  description   = "Base images"
  bucket_labels = { team = "infra" }
  build_labels  = { os = "none" }
  channels      = ["production"]
}
build {
  sources = ["source.null.base", "source.file.notes"]
  provisioner "shell-local" {
    only   = ["null.base"]
    inline = [var.fail ? "exit 3" : "true"]
  }
}
`;

describe('publishing builds to the registry', () => {
  it('records the bucket, a complete version with each build DONE and its artifacts, then assigns the channels', async () => {
    const r = await build({ 'main.pkr.hcl': NULL_AND_FILE.replace('BUCKET', 'base') });
    expect(r.code, r.stdout).toBe(0);
    expect(r.stdout).not.toContain('Nothing will be published');
    expect(r.stdout).toContain('Published version v1 of bucket "base"');
    const { body } = await api<{ bucket: Bucket }>('/buckets/base');
    expect(body.bucket).toMatchObject({ description: 'Base images', labels: { team: 'infra' }, version_count: '1', platforms: ['file', 'null'] });
    const version = body.bucket.latest_version!;
    expect(version).toMatchObject({ name: 'v1', status: 'VERSION_ACTIVE' });
    expect(version.fingerprint).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
    const builds = Object.fromEntries(version.builds.map((b) => [b.component_type, b]));
    expect(builds['null.base']).toMatchObject({ status: 'BUILD_DONE', platform: 'null', labels: { os: 'none' }, source_external_identifier: 'null', metadata: { tsbuild_version: expect.any(String) } });
    expect(builds['null.base']!.artifacts).toMatchObject([{ external_identifier: 'Null', region: 'null' }]);
    expect(builds['file.notes']).toMatchObject({ status: 'BUILD_DONE', platform: 'file', artifacts: [{ external_identifier: 'notes.txt' }] });
    expect(builds['file.notes']!.packer_run_uuid).toMatch(/^[0-9a-f-]{36}$/);
    const channel = await api<{ channel: Channel }>('/buckets/base/channels/production');
    expect(channel.body.channel.version).toMatchObject({ name: 'v1', fingerprint: version.fingerprint });
  });

  it('records a failed build FAILED and leaves the version incomplete; resuming its fingerprint skips the build already done', async () => {
    const template = { 'main.pkr.hcl': NULL_AND_FILE.replace('BUCKET', 'resumed') };
    const failed = await build(template, {}, ['-var', 'fail=true']);
    expect(failed.code, failed.stdout).toBe(1);
    const fingerprint = /version fingerprint (\w+)/.exec(failed.stdout)![1]!;
    expect(failed.stdout).toContain(`HCP_PACKER_BUILD_FINGERPRINT=${fingerprint}`);
    const first = (await api<{ version: Version }>(`/buckets/resumed/versions/${fingerprint}`)).body.version;
    expect(first).toMatchObject({ name: 'v0', status: 'VERSION_FAILED' });
    expect(Object.fromEntries(first.builds.map((b) => [b.component_type, b.status]))).toEqual({ 'null.base': 'BUILD_FAILED', 'file.notes': 'BUILD_DONE' });
    expect((await api('/buckets/resumed/channels/production')).status).toBe(404);

    const resumed = await build(template, { HCP_PACKER_BUILD_FINGERPRINT: fingerprint });
    expect(resumed.code, resumed.stdout).toBe(0);
    expect(resumed.stdout).toContain('file.notes: skipping the build: it is already done');
    expect(existsSync(join(resumed.project, 'notes.txt'))).toBe(false);
    const done = (await api<{ version: Version }>(`/buckets/resumed/versions/${fingerprint}`)).body.version;
    expect(done).toMatchObject({ name: 'v1', status: 'VERSION_ACTIVE' });
    expect((await api<{ channel: Channel }>('/buckets/resumed/channels/production')).body.channel.version?.fingerprint).toBe(fingerprint);

    const again = await build(template, { HCP_PACKER_BUILD_FINGERPRINT: fingerprint });
    expect(again.code).toBe(1);
    expect(again.stdout).toContain(`version v1 of bucket "resumed" (fingerprint ${fingerprint}) is complete`);
  });

  it('fails before anything is created when the registry does not answer, naming its address', async () => {
    const closed = await freePort();
    const address = `http://127.0.0.1:${closed}`;
    const r = await build({ 'main.pkr.hcl': NULL_AND_FILE.replace('BUCKET', 'down') }, { TSBUILD_REGISTRY_URL: address });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`Publishing to the image registry failed before any build started: the image registry at ${address} did not answer GET`);
    expect(r.stdout).toContain('connection refused');
    expect(r.stdout).not.toContain("Build 'file.notes'");
    expect(existsSync(join(r.project, 'notes.txt'))).toBe(false);
  });

  it('names a refused token; HCP_PACKER_REGISTRY=off publishes nothing; HCP_PACKER_BUCKET_NAME is enough for a JSON template', async () => {
    const template = { 'main.pkr.hcl': NULL_AND_FILE.replace('BUCKET', 'quiet') };
    const refused = await build(template, { TSBUILD_REGISTRY_TOKEN: 'tsbr_wrong' });
    expect(refused.code).toBe(1);
    expect(refused.stdout).toContain(`the image registry at ${url} refused GET /buckets/quiet: 401 unknown token`);
    const off = await build(template, { HCP_PACKER_REGISTRY: 'off' });
    expect(off.code, off.stdout).toBe(0);
    expect(off.stdout).not.toMatch(/Publish|Nothing will be published/);
    expect((await api('/buckets/quiet')).status).toBe(404);
    const unset = await build(template, { TSBUILD_REGISTRY_URL: '' });
    expect(unset.stdout).toContain('Set TSBUILD_REGISTRY_URL');

    const json = await build({ 'main.json': JSON.stringify({ builders: [{ type: 'null', name: 'n', communicator: 'none' }] }) }, { HCP_PACKER_BUCKET_NAME: 'from-json' });
    expect(json.code, json.stdout).toBe(0);
    expect((await api<{ bucket: Bucket }>('/buckets/from-json')).body.bucket.latest_version).toMatchObject({ name: 'v1', builds: [{ component_type: 'n', status: 'BUILD_DONE' }] });
  });

  it('records a docker image as the docker plugin does: platform and region docker, the image id, its tags as a label', async () => {
    const docker: Dockerode = await testDocker();
    const repo = 'tsbuild-publish/app';
    try {
      const r = await build({
        'main.pkr.hcl': `
source "docker" "app" {
  image  = "${TEST_IMAGE}"
  pull   = false
  commit = true
}
hcp_packer_registry { bucket_name = "app" }
build {
  sources = ["source.docker.app"]
  post-processor "docker-tag" {
    repository = "${repo}"
    tags       = ["1.0"]
  }
}
`,
      });
      expect(r.code, r.stdout).toBe(0);
      const imageId = (await docker.getImage(`${repo}:1.0`).inspect()).Id;
      const recorded = (await api<{ bucket: Bucket }>('/buckets/app')).body.bucket.latest_version!.builds[0]!;
      expect(recorded).toMatchObject({ component_type: 'docker.app', status: 'BUILD_DONE', platform: 'docker' });
      // docker-tag keeps the builder's artifact (as in Packer): both stand for the same image, recorded once (Packer keys
      // a build's images by platform, id and region), as the tagged one with its tags.
      expect(recorded.artifacts).toMatchObject([{ external_identifier: imageId, region: 'docker', labels: { tags: `${repo}:1.0` } }]);
    } finally {
      await removeImages(docker, [`${repo}:1.0`]);
    }
  });
});
