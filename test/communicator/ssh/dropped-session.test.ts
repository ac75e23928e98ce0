// The SSH session dropped by the server in the middle of a build (its sshd process killed, as a crash or a network
// failure would): the build fails with exit status 1, saying which build and which provisioner, as Packer does;
// never a silent exit 0 with a partial file. Large uploads do not leak event listeners.

import { existsSync, mkdtempSync, readFileSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, startCli } from '../../support/cli.js';
import { makeTestKeys, nullSshTemplate, startSshd, type TestSshd } from '../../support/sshd.js';
import { needs, packer } from '../../support/needs.js';
import { PACKER } from '../../support/packer-console.js';
import { startThrottleProxy } from '../../support/throttle-proxy.js';
import { processGone, waitFor } from '../../support/wait.js';

const MiB = 1024 * 1024;
/** Through the throttle, an upload of SMALL lasts about 4 s: the session is dropped while it runs. */
const SMALL = 8 * MiB;
const RATE = 2 * MiB;
/**
 * An scp upload of LARGE waits for the channel to drain about 20 times (about every other 1 MiB write), which
 * tripped Node's listener-leak warning from the 11th wait: the network is made the bottleneck (the throttle, at
 * FAST), so that the writes do wait, however fast the disk and however busy the machine.
 */
const LARGE = 48 * MiB;
const FAST = 32 * MiB;
/** Transfers use ssh2, never the OpenSSH scp program, whatever the environment says; Packer stays offline. */
const env = { TSBUILD_SSH_OPENSSH: '', CHECKPOINT_DISABLE: '1' };

function sparseFile(path: string, size: number): string {
  writeFileSync(path, '');
  truncateSync(path, size);
  return path;
}

function sizeOf(path: string): number {
  return existsSync(path) ? statSync(path).size : 0;
}

/** A build uploading `source` to `dest` with `method`, connecting through the proxy listening on `port`. */
function uploadTemplate(sshd: TestSshd, port: number, source: string, dest: string, method: 'scp' | 'sftp'): string {
  const provisioner = `  provisioner "file" {\n    source      = "${source}"\n    destination = "${dest}"\n  }`;
  return nullSshTemplate(sshd, provisioner, `  ssh_file_transfer_method = "${method}"\n`).replace(`ssh_port             = ${sshd.port}`, `ssh_port             = ${port}`);
}

describe('a dropped SSH session fails the build (the real CLI)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tsbuild-ssh-drop-'));
  let sshd: TestSshd;

  beforeAll(async () => {
    sparseFile(join(dir, 'small.bin'), SMALL);
    sparseFile(join(dir, 'large.bin'), LARGE);
    sshd = await startSshd(makeTestKeys());
  });
  afterAll(async () => {
    await sshd?.stop();
  });

  /** Runs a build (tsbuild's, or `program`'s) whose upload is dropped while it runs; its result and what it printed. */
  async function dropDuringUpload(method: 'scp' | 'sftp', program?: string) {
    const proxy = await startThrottleProxy(sshd, RATE);
    const dest = join(sshd.dir, `dropped-${method}-${program ? 'other' : 'ours'}.bin`);
    writeFileSync(join(dir, 'build.pkr.hcl'), uploadTemplate(sshd, proxy.port, 'small.bin', dest, method));
    const cli = startCli(['build', '-color=false', '.'], { cwd: dir, env, program });
    try {
      await waitFor(() => sizeOf(dest) > 0, { what: `the upload to ${dest} to be under way` });
      sshd.dropConnections();
      const r = await cli.exited;
      expect(sizeOf(dest)).toBeLessThan(SMALL);
      return { code: r.code, out: cli.output(), dest };
    } finally {
      cli.kill();
      await proxy.close();
    }
  }

  it.each(['scp', 'sftp'] as const)('during a %s upload: exit 1, the build and the file provisioner named, no success', async (method) => {
    const { code, out, dest } = await dropDuringUpload(method);
    expect(code).toBe(1);
    expect(out).toContain(`==> null.t: Upload failed: ${method}: uploading to ${dest}: the SSH connection was lost`);
    expect(out).toMatch(new RegExp(`^Build 'null\\.t' errored after .+: ${method}: uploading to ${dest}: the SSH connection was lost`, 'm'));
    expect(out).toContain(`--> null.t: ${method}: uploading to ${dest}: the SSH connection was lost`);
    expect(out).not.toMatch(/finished after|Builds finished\. The artifacts/);
  });

  needs(packer).each(['scp', 'sftp'] as const)('Packer 1.6.6 also fails a build whose %s upload is dropped, saying "Upload failed"', async (method) => {
    const { code, out } = await dropDuringUpload(method, PACKER);
    expect(code).toBe(1);
    expect(out).toContain('==> null.t: Upload failed: ');
    expect(out).toMatch(/^Build 'null\.t' errored after /m);
  });

  it('during a command: exit 1, the build and the shell provisioner named, no success', async () => {
    const pidFile = join(dir, 'command.pid');
    const text = nullSshTemplate(sshd, `  provisioner "shell" { inline = ["echo $$ > ${pidFile}", "echo started", "exec sleep 60"] }`);
    writeFileSync(join(dir, 'build.pkr.hcl'), text);
    const cli = startCli(['build', '-color=false', '.'], { cwd: dir, env });
    try {
      await waitFor(() => cli.output().includes('    null.t: started'), { what: 'the command to start' });
      sshd.dropConnections();
      const r = await cli.exited;
      const out = cli.output();
      expect(r.code).toBe(1);
      expect(out).toMatch(/^Build 'null\.t' errored after .+: Script disconnected unexpectedly\./m);
      expect(out).toContain('to the shell provisioner parameters.');
      expect(out).not.toMatch(/finished after|Builds finished\. The artifacts/);
    } finally {
      cli.kill();
      // The command outlives its session (the shell is orphaned, not killed): stop it.
      const pid = existsSync(pidFile) ? Number(readFileSync(pidFile, 'utf8').trim()) : 0;
      if (pid > 0 && !processGone(pid)) process.kill(pid, 'SIGKILL');
    }
  });

  it.each(['scp', 'sftp'] as const)('uploads 48 MiB with %s and no MaxListenersExceededWarning', async (method) => {
    const proxy = await startThrottleProxy(sshd, FAST);
    const dest = join(sshd.dir, `large-${method}.bin`);
    try {
      writeFileSync(join(dir, 'build.pkr.hcl'), uploadTemplate(sshd, proxy.port, 'large.bin', dest, method));
      const r = await runCli(['build', '-color=false', '.'], { cwd: dir, env });
      expect(r.stderr).not.toContain('MaxListenersExceededWarning');
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      expect(sizeOf(dest)).toBe(LARGE);
    } finally {
      await proxy.close();
    }
  });
});
