import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Dockerode from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DockerCommunicator } from '../../../src/communicator/docker/communicator.js';
import { fileConfig } from '../../../provisioners/file/config.js';
import { fileProvisioner } from '../../../provisioners/file/index.js';
import { configOf, problemsOf } from '../../support/config.js';
import { remoteLines, startTestContainer, testDocker } from '../../support/docker.js';
import { testContext } from '../../engine/helpers.js';

let docker: Dockerode;
let box: Awaited<ReturnType<typeof startTestContainer>>;
let comm: DockerCommunicator;
const dir = mkdtempSync(join(tmpdir(), 'tsbuild-file-'));

async function provision(plain: Record<string, unknown>) {
  const ctx = testContext({ cwd: dir });
  await (await fileProvisioner.create(configOf(fileConfig, plain, dir))).provision(ctx, comm, {});
  return ctx.lines;
}

const remote = (command: string) => remoteLines(comm, command);

beforeAll(async () => {
  docker = await testDocker();
  box = await startTestContainer(docker);
  comm = new DockerCommunicator(box.container, docker.modem, { execUser: '', fixUploadOwner: true, containerUser: '' });
  mkdirSync(join(dir, 'web/css'), { recursive: true });
  writeFileSync(join(dir, 'web/index.html'), 'index');
  writeFileSync(join(dir, 'web/css/site.css'), 'css');
  writeFileSync(join(dir, 'app.conf'), 'conf');
  writeFileSync(join(dir, 'other.conf'), 'other');
});
afterAll(async () => {
  await box?.remove();
});

describe('file provisioner', () => {
  it('uploads a file, into a folder when the destination ends with /', async () => {
    expect(await provision({ source: 'app.conf', destination: '/etc/app/renamed.conf' })).toEqual(['==> t: Uploading app.conf => /etc/app/renamed.conf']);
    await provision({ sources: ['app.conf', 'other.conf'], destination: '/etc/many/' });
    expect(await remote('cat /etc/app/renamed.conf; echo; cat /etc/many/app.conf; echo; cat /etc/many/other.conf')).toEqual(['conf', 'conf', 'other']);
  });

  it('uploads a folder itself, or its contents with a trailing slash', async () => {
    await remote('mkdir -p /srv/a /srv/b');
    await provision({ source: 'web', destination: '/srv/a' });
    await provision({ source: 'web/', destination: '/srv/b' });
    expect(await remote('cd /srv && find a b -type f | sort')).toEqual(['a/web/css/site.css', 'a/web/index.html', 'b/css/site.css', 'b/index.html']);
  });

  it('says "Upload failed" as Packer does when an upload fails, and fails', async () => {
    await remote('mkdir -p /etc/app && echo x > /etc/app/plain-file');
    const ctx = testContext({ cwd: dir });
    const provisioner = await fileProvisioner.create(configOf(fileConfig, { source: 'app.conf', destination: '/etc/app/plain-file/inside.conf' }, dir));
    await expect(provisioner.provision(ctx, comm, {})).rejects.toThrow();
    expect(ctx.lines[0]).toBe('==> t: Uploading app.conf => /etc/app/plain-file/inside.conf');
    expect(ctx.lines[1]).toMatch(/^==> t: Upload failed: ./);
  });

  it('uploads content', async () => {
    expect(await provision({ content: 'from content\n', destination: '/opt/content.txt' })).toEqual(['==> t: Uploading content => /opt/content.txt']);
    expect(await remote('cat /opt/content.txt')).toEqual(['from content']);
  });

  it('downloads files and folders', async () => {
    await remote('mkdir -p /out/logs && echo one > /out/logs/1.log && echo two > /out/result.txt');
    expect(await provision({ source: '/out/result.txt', destination: 'got/', direction: 'download' })).toEqual(['==> t: Downloading /out/result.txt => got/']);
    await provision({ source: '/out/logs', destination: 'logs-copy', direction: 'download' });
    expect(readFileSync(join(dir, 'got/result.txt'), 'utf8')).toBe('two\n');
    expect(readFileSync(join(dir, 'logs-copy/1.log'), 'utf8')).toBe('one\n');
  });

  it("reports Packer's configuration errors", () => {
    const v = (c: Record<string, unknown>) => problemsOf(fileConfig, c, dir);
    expect(v({ destination: '/x' })).toEqual(['Source must be specified.']);
    expect(v({ source: join(dir, 'app.conf') })).toEqual(['Destination must be specified.']);
    expect(v({ source: '/no/such', destination: '/x' })).toEqual(["Bad source '/no/such': stat /no/such: no such file or directory"]);
    expect(v({ source: '/no/such', destination: '/x', generated: true })).toEqual([]);
    expect(v({ source: '/x', destination: '/y', direction: 'sideways' })).toEqual(['Direction must be one of: download, upload.']);
  });
});
