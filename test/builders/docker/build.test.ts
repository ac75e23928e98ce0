// End to end: the real CLI builds templates on the real Docker Engine; images are inspected through the API.

import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Dockerode from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAndInterrupt, runCli } from '../../support/cli.js';
import { leftoverContainers, removeImages, runInImage, TEST_IMAGE, testDocker } from '../../support/docker.js';

let docker: Dockerode;
const images: string[] = [];

function project(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'tsbuild-docker-'));
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), content);
  }
  return dir;
}

const build = (dir: string, env: Record<string, string> = {}) => runCli(['build', '-color=false', '.'], { cwd: dir, env });

beforeAll(async () => {
  docker = await testDocker();
});
afterAll(async () => {
  await removeImages(docker, images);
});

describe('docker builder', () => {
  it('commits an image with changes, provisioned by shell and file, tagged by docker-tag', async () => {
    images.push('tsbuild-e2e/app:1.0', 'tsbuild-e2e/app:latest');
    const dir = project({
      'main.pkr.hcl': `
source "docker" "app" {
  image   = "${TEST_IMAGE}"
  pull    = false
  commit  = true
  author  = "Jane <jane@example.com>"
  message = "built by tsbuild"
  changes = ["ENV APP_MODE=production", "CMD [\\"/bin/app\\", \\"--serve\\"]", "LABEL org.example.team=infra", "WORKDIR /srv", "EXPOSE 8080"]
}
build {
  sources = ["source.docker.app"]
  provisioner "shell" {
    inline           = ["mkdir -p /srv/app", "echo \\"$GREETING from $PACKER_BUILD_NAME\\" > /srv/app/greeting"]
    environment_vars = ["GREETING=hello world"]
  }
  provisioner "file" {
    source      = "site/"
    destination = "/srv/app"
  }
  provisioner "file" {
    content     = "key=value"
    destination = "/etc/app.conf"
  }
  provisioner "shell" {
    script = "setup.sh"
  }
  post-processor "docker-tag" {
    repository = "tsbuild-e2e/app"
    tags       = ["1.0", "latest"]
  }
}
`,
      'site/index.html': '<h1>hi</h1>\n',
      'setup.sh': '#!/bin/sh\nset -e\necho "from script" > /srv/app/script.txt\necho "script ran as $(id -u)"\n',
    });
    const r = await build(dir);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('==> docker.app: Starting docker container...');
    expect(r.stdout).toContain('    docker.app: script ran as 0');
    expect(r.stdout).toContain('==> docker.app: Uploading site/ => /srv/app');
    expect(r.stdout).toMatch(/--> docker.app: Imported Docker image: tsbuild-e2e\/app:latest with tags tsbuild-e2e\/app:1.0 tsbuild-e2e\/app:latest/);
    const info = await docker.getImage('tsbuild-e2e/app:1.0').inspect();
    expect(info.RepoTags.sort()).toEqual(['tsbuild-e2e/app:1.0', 'tsbuild-e2e/app:latest']);
    expect(info.Config.Env).toContain('APP_MODE=production');
    expect(info.Config.Cmd).toEqual(['/bin/app', '--serve']);
    expect(info.Config.Labels).toEqual({ 'org.example.team': 'infra' });
    expect(info.Config.WorkingDir).toBe('/srv');
    expect(Object.keys(info.Config.ExposedPorts ?? {})).toEqual(['8080/tcp']);
    expect(info.Author).toBe('Jane <jane@example.com>');
    expect(info.Comment).toBe('built by tsbuild');
    const files = await runInImage(docker, 'tsbuild-e2e/app:1.0', ['/bin/sh', '-c', 'cat /srv/app/greeting /srv/app/index.html /srv/app/script.txt /etc/app.conf; echo; ls /tmp']);
    expect(files).toBe('hello world from app\n<h1>hi</h1>\nfrom script\nkey=value\n');
    expect(await leftoverContainers(docker, 'docker.app-')).toEqual([]);
  });

  it('exports the filesystem and docker-import makes an image of it', async () => {
    images.push('tsbuild-e2e/imported:v2');
    const dir = project({
      'main.pkr.hcl': `
source "docker" "exp" {
  image       = "${TEST_IMAGE}"
  pull        = false
  export_path = "out/image.tar"
}
build {
  sources = ["source.docker.exp"]
  provisioner "shell" { inline = ["echo exported > /marker"] }
  post-processor "docker-import" {
    repository = "tsbuild-e2e/imported"
    tag        = "v2"
    changes    = ["ENV IMPORTED=yes"]
  }
}
`,
    });
    mkdirSync(join(dir, 'out'));
    const r = await build(dir);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toContain('==> docker.exp: Exporting the container');
    expect(r.stdout).toContain('--> docker.exp: Imported Docker image: tsbuild-e2e/imported:v2');
    expect(r.stdout).toContain('docker.exp (docker-import): Imported ID: sha256:');
    // docker-import does not keep its input: the tar is removed, as with Packer.
    expect(existsSync(join(dir, 'out/image.tar'))).toBe(false);
    expect((await docker.getImage('tsbuild-e2e/imported:v2').inspect()).Config.Env).toContain('IMPORTED=yes');
    expect(await runInImage(docker, 'tsbuild-e2e/imported:v2', ['/bin/cat', '/marker'])).toBe('exported\n');
  });

  it('builds the base image from a Dockerfile first (build block)', async () => {
    images.push('tsbuild-e2e/from-dockerfile:latest');
    const dir = project({
      'ctx/Dockerfile': `FROM ${TEST_IMAGE}\nARG WHO\nCOPY hello.txt /hello.txt\nRUN echo "built for $WHO" > /built.txt\n`,
      'ctx/hello.txt': 'hello from the context\n',
      'main.pkr.hcl': `
source "docker" "df" {
  commit = true
  build {
    path      = "ctx/Dockerfile"
    build_dir = "ctx"
    arguments = { WHO = "tests" }
    compress  = true
    pull      = false
  }
}
build {
  sources = ["source.docker.df"]
  provisioner "shell" { inline = ["cat /built.txt /hello.txt > /both.txt"] }
  post-processor "docker-tag" { repository = "tsbuild-e2e/from-dockerfile" }
}
`,
    });
    const r = await build(dir);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toContain('==> docker.df: Building base image from Dockerfile...');
    expect(await runInImage(docker, 'tsbuild-e2e/from-dockerfile:latest', ['/bin/cat', '/both.txt'])).toBe('built for tests\nhello from the context\n');
  });
});

describe('docker builder faults', () => {
  it('fails when a provisioner exits non-zero, and removes the container', async () => {
    const dir = project({
      'main.pkr.hcl': `
source "docker" "fails" {
  image   = "${TEST_IMAGE}"
  pull    = false
  discard = true
}
build {
  sources = ["source.docker.fails"]
  provisioner "shell" { inline = ["echo about to fail", "exit 3"] }
}
`,
    });
    const r = await build(dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('    docker.fails: about to fail');
    expect(r.stdout).toMatch(/==> docker.fails: Killing the container: [0-9a-f]{64}/);
    expect(r.stderr + r.stdout).toContain("Build 'docker.fails' errored after");
    expect(r.stderr + r.stdout).toContain('Script exited with non-zero exit status: 3.Allowed exit codes are: [0]');
    expect(await leftoverContainers(docker, 'docker.fails-')).toEqual([]);
  });

  it('says how to fix a missing image when pull is false', async () => {
    const dir = project({
      'main.pkr.hcl': `
source "docker" "missing" {
  image   = "tsbuild-e2e/does-not-exist:1"
  pull    = false
  discard = true
}
build { sources = ["source.docker.missing"] }
`,
    });
    const r = await build(dir);
    expect(r.code).toBe(1);
    expect(r.stderr + r.stdout).toContain('Image tsbuild-e2e/does-not-exist:1 is not on the Docker daemon and pull is false: set pull = true, or make the image first');
    expect(await leftoverContainers(docker, 'docker.missing-')).toEqual([]);
  });

  it('says how to fix an unreachable daemon', async () => {
    const dir = project({
      'main.pkr.hcl': `source "docker" "nodaemon" {
  image   = "${TEST_IMAGE}"
  discard = true
}
build { sources = ["source.docker.nodaemon"] }
`,
    });
    const r = await build(dir, { DOCKER_HOST: `unix://${join(dir, 'no-such.sock')}` });
    expect(r.code).toBe(1);
    expect(r.stderr + r.stdout).toContain(`Cannot connect to the Docker daemon at unix://${join(dir, 'no-such.sock')} (ENOENT): is it running? Start it with "sudo systemctl start docker"`);
    expect(r.stderr + r.stdout).not.toMatch(/\n\s+at /); // no stack trace
  });

  it('removes the container when the build is interrupted during provisioning', async () => {
    const dir = project({
      'main.pkr.hcl': `
source "docker" "interrupted" {
  image  = "${TEST_IMAGE}"
  pull   = false
  commit = true
}
build {
  sources = ["source.docker.interrupted"]
  provisioner "shell" { inline = ["echo sleeping", "sleep 60"] }
}
`,
    });
    const { code, out, sent, stopMs } = await buildAndInterrupt(['-color=false', '.'], { cwd: dir, marker: 'docker.interrupted: sleeping' });
    expect(sent).toBe(true);
    expect(code).toBe(1);
    expect(stopMs).toBeLessThan(20_000);
    expect(out).toMatch(/Killing the container: [0-9a-f]{64}/);
    expect(await leftoverContainers(docker, 'docker.interrupted-')).toEqual([]);
  });
});
