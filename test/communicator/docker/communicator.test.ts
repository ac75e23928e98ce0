import { mkdirSync, mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Dockerode from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DockerCommunicator } from '../../../src/communicator/docker/communicator.js';
import { startTestContainer, testDocker } from '../../support/docker.js';
import { cancelRunningCommand } from '../../support/communicator.js';

const signal = new AbortController().signal;

async function output(comm: DockerCommunicator, command: string, env?: Record<string, string>) {
  const out: string[] = [];
  const err: string[] = [];
  const { exitCode } = await comm.run(command, { stdout: (l) => out.push(l), stderr: (l) => err.push(l), signal, env });
  return { exitCode, out, err };
}

describe('docker communicator', () => {
  let docker: Dockerode;
  let box: Awaited<ReturnType<typeof startTestContainer>>;
  let comm: DockerCommunicator;
  let local: string;

  beforeAll(async () => {
    docker = await testDocker();
    box = await startTestContainer(docker);
    comm = new DockerCommunicator(box.container, docker.modem, { execUser: '', fixUploadOwner: true, containerUser: '' });
    local = mkdtempSync(join(tmpdir(), 'tsbuild-comm-'));
    mkdirSync(join(local, 'tree/sub'), { recursive: true });
    writeFileSync(join(local, 'tree/a.txt'), 'A');
    writeFileSync(join(local, 'tree/sub/b.txt'), 'B');
    writeFileSync(join(local, 'one.txt'), 'one\n');
  });
  afterAll(async () => {
    await box?.remove();
  });

  it('streams stdout and stderr line by line and returns the exit code', async () => {
    const r = await output(comm, 'echo one; echo two >&2; printf three; exit 7');
    expect(r).toEqual({ exitCode: 7, out: ['one', 'three'], err: ['two'] });
  });

  it('passes environment variables and runs as exec_user', async () => {
    expect((await output(comm, 'echo "$GREETING"', { GREETING: "it's here" })).out).toEqual(["it's here"]);
    const asNobody = new DockerCommunicator(box.container, docker.modem, { execUser: 'nobody', fixUploadOwner: true, containerUser: '' });
    expect((await output(asNobody, 'id -u')).out).toEqual(['65534']);
  });

  it('rejects at once when cancelled', async () => {
    const { outcome, stopMs } = await cancelRunningCommand(comm);
    expect(outcome).toMatch(/cancelled/);
    expect(stopMs).toBeLessThan(5000);
  });

  it('uploads a file, content into a missing folder, and keeps the file mode', async () => {
    await comm.upload(join(local, 'one.txt'), '/tmp/up/one-renamed.txt', signal);
    await comm.uploadContent('hello', '/opt/new/dir/hello.txt', signal);
    await comm.upload(join(local, 'one.txt'), '/tmp/', signal);
    const r = await output(comm, 'cat /tmp/up/one-renamed.txt /opt/new/dir/hello.txt; echo; cat /tmp/one.txt; stat -c %a /tmp/one.txt');
    expect(r.out).toEqual(['one', 'hello', 'one', (statSync(join(local, 'one.txt')).mode & 0o777).toString(8)]);
  });

  it('uploads folders with docker cp trailing-slash rules', async () => {
    await comm.run('mkdir -p /srv/existing', { signal });
    await comm.upload(join(local, 'tree'), '/srv/existing', signal); // into an existing folder: /srv/existing/tree
    await comm.upload(join(local, 'tree'), '/srv/fresh', signal); // missing destination: becomes the folder
    await comm.upload(join(local, 'tree') + '/', '/srv/existing', signal); // trailing slash: the contents
    const r = await output(comm, 'cd /srv && find . -type f | sort');
    expect(r.out).toEqual(['./existing/a.txt', './existing/sub/b.txt', './existing/tree/a.txt', './existing/tree/sub/b.txt', './fresh/a.txt', './fresh/sub/b.txt']);
  });

  it('gives uploads to the container user with fix_upload_owner', async () => {
    const owned = new DockerCommunicator(box.container, docker.modem, { execUser: '', fixUploadOwner: true, containerUser: 'nobody' });
    await owned.uploadContent('x', '/tmp/owned.txt', signal);
    const unfixed = new DockerCommunicator(box.container, docker.modem, { execUser: '', fixUploadOwner: false, containerUser: 'nobody' });
    await unfixed.uploadContent('x', '/tmp/unowned.txt', signal);
    expect((await output(comm, 'stat -c %U /tmp/owned.txt /tmp/unowned.txt')).out).toEqual(['nobody', 'root']);
  });

  it('downloads files and folders', async () => {
    await comm.run('mkdir -p /data/d/e && echo 1 > /data/d/f1 && echo 2 > /data/d/e/f2', { signal });
    const dst = mkdtempSync(join(tmpdir(), 'tsbuild-down-'));
    await comm.download('/data/d/f1', join(dst, 'renamed'), signal);
    await comm.download('/data/d/f1', dst + '/', signal);
    await comm.download('/data/d', join(dst, 'copy'), signal); // missing: becomes the folder
    await comm.download('/data/d', dst, signal); // existing folder: dst/d
    mkdirSync(join(dst, 'contents'));
    await comm.download('/data/d/', join(dst, 'contents'), signal); // trailing slash: the contents
    expect(readFileSync(join(dst, 'renamed'), 'utf8')).toBe('1\n');
    expect(readFileSync(join(dst, 'f1'), 'utf8')).toBe('1\n');
    expect(readFileSync(join(dst, 'copy/e/f2'), 'utf8')).toBe('2\n');
    expect(readFileSync(join(dst, 'd/e/f2'), 'utf8')).toBe('2\n');
    expect(readdirSync(join(dst, 'contents')).sort()).toEqual(['e', 'f1']);
    await expect(comm.download('/nope', join(dst, 'x'), signal)).rejects.toThrow(/Failed to download '\/nope' from container: .*No such/i);
  });
});
