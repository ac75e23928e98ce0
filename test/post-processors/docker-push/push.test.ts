// docker-tag, docker-save and docker-push end to end: the real CLI, the real engine, a real registry on loopback.

import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Dockerode from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../support/cli.js';
import { removeImages, startRegistry, TEST_IMAGE, testDocker, type TestRegistry } from '../../support/docker.js';

let docker: Dockerode;
let registry: TestRegistry;
const images: string[] = [];

beforeAll(async () => {
  docker = await testDocker();
  registry = await startRegistry({ ci: 'secret-pass' });
});
afterAll(async () => {
  await removeImages(docker, images);
  await registry?.stop();
});

function template(postProcessors: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'tsbuild-push-'));
  writeFileSync(
    join(dir, 'main.pkr.hcl'),
    `
variable "password" {
  type      = string
  sensitive = true
}
source "docker" "pushed" {
  image  = "${TEST_IMAGE}"
  pull   = false
  commit = true
}
build {
  sources = ["source.docker.pushed"]
  provisioner "shell" { inline = ["echo pushed > /pushed.txt"] }
  post-processors {
${postProcessors}
  }
}
`,
  );
  return dir;
}

describe('docker-tag, docker-save and docker-push', () => {
  it('tags, saves and pushes to a registry that needs a login; the image comes back with a pull', async () => {
    const repo = `${registry.address}/team/app`;
    images.push(`${repo}:1.0`);
    const dir = template(`
    post-processor "docker-tag" {
      repository = "${repo}"
      tags       = ["1.0"]
    }
    post-processor "docker-save" { path = "saved.tar" }
    post-processor "docker-push" {
      login          = true
      login_server   = "${registry.address}"
      login_username = "ci"
      login_password = var.password
    }`);
    const r = await runCli(['build', '-color=false', '-var', 'password=secret-pass', '.'], { cwd: dir });
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toContain(`docker.pushed (docker-push): Pushing: ${repo}:1.0`);
    expect(r.stdout).not.toContain('secret-pass');
    expect(existsSync(join(dir, 'saved.tar'))).toBe(true);
    const auth = `Basic ${Buffer.from('ci:secret-pass').toString('base64')}`;
    const tags = (await (await fetch(`http://${registry.address}/v2/team/app/tags/list`, { headers: { authorization: auth } })).json()) as { tags: string[] };
    expect(tags.tags).toEqual(['1.0']);
    // Round trip: drop the local tag, pull it back from the registry.
    await docker.getImage(`${repo}:1.0`).remove();
    const stream = await docker.pull(`${repo}:1.0`, { authconfig: { username: 'ci', password: 'secret-pass', serveraddress: registry.address } });
    await new Promise((resolve, reject) => docker.modem.followProgress(stream, (e) => (e ? reject(e) : resolve(undefined))));
    expect((await docker.getImage(`${repo}:1.0`).inspect()).RepoTags).toContain(`${repo}:1.0`);
  });

  it('lets the docker builder pull its image from the registry with login', async () => {
    const repo = `${registry.address}/team/app`;
    await docker.getImage(`${repo}:1.0`).remove().catch(() => undefined);
    const dir = mkdtempSync(join(tmpdir(), 'tsbuild-pull-'));
    writeFileSync(join(dir, 'main.pkr.hcl'), `
source "docker" "pulled" {
  image          = "${repo}:1.0"
  discard        = true
  login          = true
  login_server   = "${registry.address}"
  login_username = "ci"
  login_password = "secret-pass"
}
build {
  sources = ["source.docker.pulled"]
  provisioner "shell" { inline = ["cat /pushed.txt"] }
}
`);
    const r = await runCli(['build', '-color=false', '.'], { cwd: dir });
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toContain(`==> docker.pulled: Pulling Docker image: ${repo}:1.0`);
    expect(r.stdout).toContain('    docker.pulled: pushed');
  });

  it('fails with the registry answer when the login is wrong', async () => {
    const repo = `${registry.address}/team/denied`;
    images.push(`${repo}:latest`);
    const dir = template(`
    post-processor "docker-tag" { repository = "${repo}" }
    post-processor "docker-push" {
      login          = true
      login_server   = "${registry.address}"
      login_username = "ci"
      login_password = var.password
    }`);
    const r = await runCli(['build', '-color=false', '-var', 'password=wrong', '.'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stdout + r.stderr).toMatch(new RegExp(`Error logging in to ${registry.address.replace('.', '\\.')}: .*unauthorized`, 'i'));
  });

  it('refuses an artifact that is not a Docker image', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tsbuild-tag-'));
    writeFileSync(join(dir, 'main.pkr.hcl'), `
source "file" "f" {
  content = "x"
  target  = "out.txt"
}
build {
  sources = ["source.file.f"]
  post-processor "docker-tag" { repository = "x/y" }
}
`);
    const r = await runCli(['build', '-color=false', '.'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stdout + r.stderr).toContain('Unknown artifact type: packer.file');
    expect(r.stdout + r.stderr).toContain('Can only tag from Docker builder artifacts.');
  });
});
