// End to end: examples/registry on the real Docker Engine against a real `tsbuild registry serve`, with real
// `tsbuild build` processes. base.pkr.hcl publishes an image to the "dev" channel; app.pkr.hcl reads it through
// hcp-packer-version and hcp-packer-artifact and builds FROM it. Checked: the app image derives from the base image,
// the registry records the parent and the ancestry (UP_TO_DATE, then OUT_OF_DATE once the channel moves on), and a
// revoked base version stops the app build before any container is created.

import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type Dockerode from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Bucket, BucketAncestry, Channel, Version } from '../../registry/api/types.js';
import { runCli } from '../support/cli.js';
import { removeImages, runInImage, TEST_IMAGE, testDocker } from '../support/docker.js';
import { startRegistry, type TestRegistry } from '../support/registry-server.js';

const EXAMPLE = resolve(__dirname, '../../examples/registry');
const BASE_REPO = `tsbuild-e2e-registry/base-${process.pid}`;
const APP_REPO = `tsbuild-e2e-registry/app-${process.pid}`;

let docker: Dockerode;
let reg: TestRegistry;
let dir: string;
/** Images the test made, children first (a parent cannot go before the images built from it). */
const images: string[] = [];

beforeAll(async () => {
  docker = await testDocker();
  reg = await startRegistry('tsbuild-registry-example-');
  dir = mkdtempSync(join(tmpdir(), 'tsbuild-registry-example-'));
  cpSync(EXAMPLE, dir, { recursive: true });
});
afterAll(async () => {
  if (docker) await removeImages(docker, images);
  reg?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** `tsbuild build` of one of the example's templates, with the registry's address and write token. */
const build = (template: string, vars: string[]) =>
  runCli(['build', '-color=false', ...vars.flatMap((v) => ['-var', v]), template], { cwd: dir, env: { TSBUILD_REGISTRY_URL: reg.url, TSBUILD_REGISTRY_TOKEN: reg.token } });

/** The bucket's latest version, its image marked for removal (with `tag`) before anything is checked. */
async function latest(bucket: string, tag: string): Promise<Version> {
  const version = (await reg.api<{ bucket?: Bucket }>(`/buckets/${bucket}`)).body.bucket?.latest_version;
  images.unshift(tag, ...(version?.builds ?? []).flatMap((b) => b.artifacts.map((a) => a.external_identifier)));
  expect(version, `a version in bucket ${bucket}`).toBeDefined();
  return version!;
}

/** The image id a version published (its docker build's first artifact). */
const imageOf = (v: Version): string => v.builds[0]!.artifacts[0]!.external_identifier;

async function buildBase(release: string): Promise<Version> {
  const r = await build('base.pkr.hcl', [`from=${TEST_IMAGE}`, `repository=${BASE_REPO}`, `release=${release}`]);
  const version = await latest('example-base', `${BASE_REPO}:${release}`);
  expect(r.code, r.stdout).toBe(0);
  expect(r.stdout).toContain(`Published version v${release} of bucket "example-base"`);
  return version;
}

const ancestry = async (bucket: string) => (await reg.api<{ relations: BucketAncestry[] }>(`/buckets/${bucket}/ancestry`)).body.relations;

describe('registry example: an app image built from a base image published to the registry', () => {
  it('builds FROM the channel\'s image, records the parent and ancestry, and stops at a revoked base version', async () => {
    const base1 = await buildBase('1');
    const baseImage = imageOf(base1);
    expect(base1.builds[0]).toMatchObject({ component_type: 'docker.base', platform: 'docker', source_external_identifier: (await docker.getImage(TEST_IMAGE).inspect()).Id });

    const app = await build('app.pkr.hcl', [`repository=${APP_REPO}`]);
    const appVersion = await latest('example-app', `${APP_REPO}:v1`);
    expect(app.code, app.stdout).toBe(0);

    // The app image really derives from the base image: committed on top of it, with the base image's file.
    const appImage = imageOf(appVersion);
    expect((await docker.getImage(appImage).inspect()).Parent).toBe(baseImage);
    expect(await runInImage(docker, appImage, ['cat', '/etc/base-release', '/etc/app-release'])).toBe('base release 1\napp on v1\n');

    // The registry records the base version (read through "dev") as the app version's parent.
    const dev = (await reg.api<{ channel: Channel }>('/buckets/example-base/channels/dev')).body.channel;
    expect(appVersion).toMatchObject({ name: 'v1', parent_version_id: base1.id, parents: { status: 'UP_TO_DATE' } });
    expect(appVersion.builds[0]).toMatchObject({ source_external_identifier: baseImage, parent_version_id: base1.id, parent_channel_id: dev.id });
    expect(await ancestry('example-app')).toMatchObject([
      { parent: { bucket_name: 'example-base', version_name: 'v1', channel_name: 'dev' }, child: { bucket_name: 'example-app', version_name: 'v1' }, status: 'UP_TO_DATE' },
    ]);

    // A new base version on the channel: the app is out of date.
    const base2 = await buildBase('2');
    expect((await reg.api<{ channel: Channel }>('/buckets/example-base/channels/dev')).body.channel.version?.fingerprint).toBe(base2.fingerprint);
    expect(await ancestry('example-app')).toMatchObject([{ parent: { version_name: 'v1', channel_version: { name: 'v2' } }, status: 'OUT_OF_DATE' }]);

    // The channel's version revoked (and the channel left on it): the app build stops at its data sources.
    const revoke = await runCli(['registry', 'revoke', 'example-base', base2.fingerprint, '-message', 'CVE-2026-0001 in busybox', '-no-rollback'], {
      cwd: dir,
      env: { TSBUILD_REGISTRY_URL: reg.url, TSBUILD_REGISTRY_TOKEN: reg.token },
    });
    expect(revoke.code, revoke.stderr).toBe(0);
    const refused = await build('app.pkr.hcl', [`repository=${APP_REPO}`]);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toContain(`version v2 (fingerprint ${base2.fingerprint}) of bucket "example-base" is revoked: CVE-2026-0001 in busybox; a revoked version cannot be used in builds`);
    expect(refused.stdout).not.toContain('docker.app:');
    expect(await docker.listContainers({ all: true, filters: { ancestor: [imageOf(base2)] } })).toEqual([]);
    expect((await reg.api<{ versions: Version[] }>('/buckets/example-app/versions')).body.versions.map((v) => v.name)).toEqual(['v1']);
  }, 600_000);
});
