// kill -9 of a docker build at every step boundary, then `tsbuild cleanup`: no container, no image from the
// build's container, no temporary folder and no journal is left; a second cleanup finds nothing. And Ctrl-C during
// the commit removes the image the commit made.
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Dockerode from 'dockerode';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildAndInterrupt, runCli } from '../support/cli.js';
import { leftoverContainers, TEST_IMAGE, testDocker } from '../support/docker.js';

let docker: Dockerode;
beforeAll(async () => {
  docker = await testDocker();
});

function project(source: string) {
  const dir = mkdtempSync(join(tmpdir(), 'tsbuild-kill-'));
  const tmp = mkdtempSync(join(tmpdir(), 'tsbuild-kill-tmp-'));
  const state = mkdtempSync(join(tmpdir(), 'tsbuild-kill-state-'));
  writeFileSync(
    join(dir, 't.pkr.hcl'),
    `source "docker" "${source}" {\n  image  = "${TEST_IMAGE}"\n  pull   = false\n  commit = true\n}\n` +
      `build {\n  sources = ["source.docker.${source}"]\n  provisioner "shell" {\n    inline = ["echo provisioning"]\n  }\n}\n`,
  );
  return { dir, tmp, state, env: { TMPDIR: tmp, TSBUILD_STATE_DIR: state } };
}

/** Images the daemon committed from `containerId`. */
async function imagesFrom(containerId: string): Promise<string[]> {
  const found: string[] = [];
  for (const image of await docker.listImages({ all: true })) {
    const info = await docker.getImage(image.Id).inspect().catch(() => undefined);
    if ((info as { Container?: string } | undefined)?.Container === containerId) found.push(image.Id);
  }
  return found;
}

const containerIdIn = (out: string) => /Container ID: ([0-9a-f]{64})/.exec(out)?.[1];

// The lines that start each step of the build, in order.
const BOUNDARIES = ['Creating a temporary directory', 'Starting docker container...', 'Container ID:', 'Provisioning with shell', 'Committing the container', 'Image ID:'];

describe('kill -9 of a docker build, then tsbuild cleanup', () => {
  it.each(BOUNDARIES.map((marker, i) => [marker, i] as const))('killed at "%s"', async (marker, i) => {
    const p = project(`kill${i}`);
    const killed = await buildAndInterrupt(['-color=false', 't.pkr.hcl'], { cwd: p.dir, marker, signal: 'SIGKILL', env: p.env });
    expect(killed.sent, killed.out).toBe(true);
    const cleanup = await runCli(['cleanup'], { cwd: p.dir, env: p.env });
    expect(cleanup.code, cleanup.stdout + cleanup.stderr).toBe(0);
    expect(await leftoverContainers(docker, `docker.kill${i}-`)).toEqual([]);
    // An image is the build's product once the builder has returned it (after removing its container); before
    // that, it is a leftover.
    const container = containerIdIn(killed.out);
    if (container && !killed.out.includes('Killing the container')) expect(await imagesFrom(container)).toEqual([]);
    expect(readdirSync(p.tmp)).toEqual([]);
    expect(readdirSync(join(p.state, 'journal'))).toEqual([]);
    const again = await runCli(['cleanup'], { cwd: p.dir, env: p.env });
    expect(again).toMatchObject({ code: 0 });
    expect(again.stdout).toContain('Nothing to clean up');
  });

  it('leaves a run that is still going alone', async () => {
    const p = project('alive');
    const dir = join(p.state, 'journal');
    const { openJournal } = await import('../../src/journal/journal.js');
    const j = openJournal(dir, 'still-going');
    j.record('temp-dir', 'b', `temporary folder ${p.tmp}`, { path: p.tmp });
    const r = await runCli(['cleanup'], { cwd: p.dir, env: p.env });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`Run still-going (pid ${process.pid}) is still running: left alone.`);
    expect(readdirSync(dir)).toEqual(['still-going.jsonl']);
  });
});

describe('SIGINT and SIGTERM at every step boundary of a docker build', () => {
  const cases = (['SIGINT', 'SIGTERM'] as const).flatMap((sig) => BOUNDARIES.map((marker, i) => [sig, marker, i] as const));
  it.each(cases)('%s at "%s" leaves nothing', async (sig, marker, i) => {
    const name = `${sig.toLowerCase()}${i}`;
    const p = project(name);
    const r = await buildAndInterrupt(['-color=false', 't.pkr.hcl'], { cwd: p.dir, marker, signal: sig, env: p.env });
    expect(r.sent, r.out).toBe(true);
    expect(r.code).toBe(1);
    expect(await leftoverContainers(docker, `docker.${name}-`)).toEqual([]);
    const container = containerIdIn(r.out);
    if (container) expect(await imagesFrom(container)).toEqual([]);
    expect(readdirSync(p.tmp)).toEqual([]);
    expect(readdirSync(join(p.state, 'journal'))).toEqual([]);
  });
});

describe('Ctrl-C during the commit', () => {
  it('removes the image the commit made, and says so', async () => {
    const p = project('commitint');
    const r = await buildAndInterrupt(['-color=false', 't.pkr.hcl'], { cwd: p.dir, marker: 'Committing the container', env: p.env });
    expect(r.code).toBe(1);
    const container = containerIdIn(r.out)!;
    expect(container).toBeDefined();
    expect(await imagesFrom(container)).toEqual([]);
    const image = /Image ID: (sha256:[0-9a-f]{64})/.exec(r.out)?.[1];
    if (image) expect(r.out).toContain(`Removing the image committed before the build stopped: ${image}`);
    expect(await leftoverContainers(docker, 'docker.commitint-')).toEqual([]);
    expect(readdirSync(join(p.state, 'journal'))).toEqual([]);
  });
});
