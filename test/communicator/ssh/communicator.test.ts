import { mkdirSync, mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SshCommunicator } from '../../../src/communicator/ssh/communicator.js';
import { DISCONNECTED } from '../../../src/communicator/ssh/exec.js';
import { makeTestKeys, startSshd, type TestKeys, type TestSshd } from '../../support/sshd.js';
import { cancelRunningCommand } from '../../support/communicator.js';
import { waitFor } from '../../support/wait.js';
import { lineUi, settingsFor } from './helpers.js';

const signal = new AbortController().signal;
const env = process.env;

async function output(comm: SshCommunicator, command: string, envVars?: Record<string, string>) {
  const out: string[] = [];
  const err: string[] = [];
  const { exitCode } = await comm.run(command, { stdout: (l) => out.push(l), stderr: (l) => err.push(l), signal, env: envVars });
  return { exitCode, out, err };
}

describe.each(['scp', 'sftp'] as const)('ssh communicator, %s transfers', (method) => {
  let keys: TestKeys;
  let sshd: TestSshd;
  let comm: SshCommunicator;
  let local: string;
  let remote: string;

  beforeAll(async () => {
    keys = makeTestKeys();
    sshd = await startSshd(keys);
    const { ui, lines } = lineUi();
    // The scp method also covers handing large files to OpenSSH's scp program.
    comm = await SshCommunicator.connect(settingsFor(sshd, { ssh_file_transfer_method: method }), { ui, signal, env: { ...env, TSBUILD_SSH_OPENSSH: method === 'scp' ? '1' : '' } });
    expect(lines).toEqual(['==> Waiting for SSH to become available...', '==> Connected to SSH!']);
    local = mkdtempSync(join(tmpdir(), 'tsbuild-ssh-local-'));
    remote = mkdtempSync(join(tmpdir(), 'tsbuild-ssh-remote-'));
    mkdirSync(join(local, 'tree/sub'), { recursive: true });
    writeFileSync(join(local, 'tree/a.txt'), 'A');
    writeFileSync(join(local, 'tree/sub/b.txt'), 'B');
    writeFileSync(join(local, 'run.sh'), '#!/bin/sh\necho run\n', { mode: 0o755 });
  });
  afterAll(async () => {
    comm?.close();
    await sshd?.stop();
  });

  it('streams stdout and stderr line by line, returns the exit code, passes variables', async () => {
    expect(await output(comm, 'echo one; echo two >&2; printf three; exit 7')).toEqual({ exitCode: 7, out: ['one', 'three'], err: ['two'] });
    expect((await output(comm, 'echo "$GREETING"', { GREETING: "it's here" })).out).toEqual(["it's here"]);
    expect((await output(comm, 'kill -TERM $$')).exitCode).toBe(143);
  });

  it('uploads a file (keeping its mode), content into a missing folder, and downloads them back', async () => {
    await comm.upload(join(local, 'run.sh'), `${remote}/up/run-renamed.sh`, signal);
    expect(readFileSync(`${remote}/up/run-renamed.sh`, 'utf8')).toBe('#!/bin/sh\necho run\n');
    expect(statSync(`${remote}/up/run-renamed.sh`).mode & 0o777).toBe(0o755);
    await comm.upload(join(local, 'run.sh'), `${remote}/up/`, signal);
    expect(readFileSync(`${remote}/up/run.sh`, 'utf8')).toContain('echo run');
    await comm.uploadContent('hello\n', `${remote}/new/dir/hello.txt`, signal);
    expect(readFileSync(`${remote}/new/dir/hello.txt`, 'utf8')).toBe('hello\n');
    const back = join(local, `back-${method}`);
    mkdirSync(back);
    await comm.download(`${remote}/new/dir/hello.txt`, `${back}/`, signal);
    await comm.download(`${remote}/new/dir/hello.txt`, `${back}/renamed.txt`, signal);
    expect(readFileSync(join(back, 'hello.txt'), 'utf8')).toBe('hello\n');
    expect(readFileSync(join(back, 'renamed.txt'), 'utf8')).toBe('hello\n');
  });

  it('uploads folders as the docker communicator does: with and without a trailing slash', async () => {
    await comm.upload(join(local, 'tree'), `${remote}/made`, signal);
    expect(readdirSync(`${remote}/made`).sort()).toEqual(['a.txt', 'sub']);
    await comm.upload(join(local, 'tree'), `${remote}/made`, signal);
    expect(readFileSync(`${remote}/made/tree/sub/b.txt`, 'utf8')).toBe('B');
    await comm.upload(join(local, 'tree') + '/', `${remote}/contents/`, signal);
    expect(readdirSync(`${remote}/contents`).sort()).toEqual(['a.txt', 'sub']);
  });

  it('downloads folders', async () => {
    const into = join(local, `dl-${method}`);
    mkdirSync(into);
    await comm.download(`${remote}/made`, into, signal);
    expect(readFileSync(join(into, 'made/tree/sub/b.txt'), 'utf8')).toBe('B');
    await comm.download(`${remote}/contents/`, join(into, 'copy'), signal);
    expect(readFileSync(join(into, 'copy/sub/b.txt'), 'utf8')).toBe('B');
  });

  it('reports a missing remote file and an unwritable destination', async () => {
    await expect(comm.download(`${remote}/nothing-here`, join(local, 'x'), signal)).rejects.toThrow(/No such file|no such file/i);
    writeFileSync(`${remote}/a-file`, 'x');
    await expect(comm.uploadContent('x', `${remote}/a-file/inside.txt`, signal)).rejects.toThrow(/Not a directory|not a folder|File exists|Failure/i);
  });

  it('moves a 40 MiB file intact', async () => {
    const big = join(local, 'big.bin');
    const data = Buffer.alloc(40 * 1024 * 1024);
    for (let i = 0; i < data.length; i += 4096) data.writeUInt32LE(i ^ 0x5a5a5a5a, i);
    writeFileSync(big, data);
    await comm.upload(big, `${remote}/big/`, signal);
    expect(readFileSync(`${remote}/big/big.bin`).equals(data)).toBe(true);
    await comm.download(`${remote}/big/big.bin`, join(local, `big-back-${method}.bin`), signal);
    expect(readFileSync(join(local, `big-back-${method}.bin`)).equals(data)).toBe(true);
  });

  it('stops a running command when cancelled', async () => {
    const { outcome, stopMs } = await cancelRunningCommand(comm);
    expect(outcome).toMatch(/cancelled/);
    expect(stopMs).toBeLessThan(5000);
    expect((await output(comm, 'echo still')).out).toEqual(['still']);
  });

  it('reports a connection dropped mid-command, then reconnects for the next command', async () => {
    const out: string[] = [];
    const run = comm.run('echo started; sleep 30', { stdout: (l) => out.push(l), signal });
    await waitFor(() => out.includes('started'), { what: 'the command to start' });
    sshd.dropConnections();
    expect((await run).exitCode).toBe(DISCONNECTED);
    expect(out).toEqual(['started']);
    expect((await output(comm, 'echo back')).out).toEqual(['back']);
  });
});
