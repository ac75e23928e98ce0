// The qemu builder when things go wrong, through the real CLI: a wrong ISO checksum, a QEMU that does not start,
// SSH that never comes up, Ctrl-C while the VM boots, an output directory already there. None boots a system to
// the end: the VM is stopped at the first point the test needs.

import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { findJournals } from '../../../src/journal/journal.js';
import { buildAndInterrupt, runCli, startCli } from '../../support/cli.js';
import { needs } from '../../support/needs.js';
import { qemuIso } from '../../support/qemu.js';
import { processGone, waitFor } from '../../support/wait.js';
import { qemuProject } from './project.js';

const dirs: string[] = [];
const servers: Server[] = [];
afterAll(() => {
  servers.forEach((s) => s.close());
  dirs.forEach((d) => rmSync(d, { recursive: true, force: true }));
});

function project() {
  const p = qemuProject();
  dirs.push(p.dir);
  return p;
}

const env = (dir: string) => ({ TSBUILD_STATE_DIR: join(dir, 'state'), PACKER_CACHE_DIR: join(dir, 'cache') });
const build = (dir: string, args: string[] = []) => runCli(['build', '-color=false', ...args, '.'], { cwd: dir, env: env(dir) });

/** The pids of the VM processes the run's journal lists now. */
function journaledVms(dir: string): number[] {
  return findJournals(join(dir, 'state', 'journal')).flatMap((j) => j.outstanding.filter((r) => r.kind === 'vm-process').map((r) => Number(r.data.pid)));
}

/** No boot command: the guest never gets a key, so SSH never lets tsbuild in. */
const NO_SSH = { boot_command: '', disable_vnc: 'true', boot_wait: '"-1s"', ssh_timeout: '"4s"' };

needs(qemuIso).describe('qemu builder faults', () => {
  it('deletes a download whose checksum does not match and names both sums', async () => {
    const p = project();
    const body = Buffer.from('not the ISO that was promised\n');
    const server = createServer((_, res) => res.end(body));
    servers.push(server);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/tiny.iso`;
    const wanted = 'a'.repeat(64);
    p.template({ iso_url: JSON.stringify(url), iso_checksum: `"sha256:${wanted}"` });
    const r = await build(p.dir);
    const out = r.stdout + r.stderr;
    expect(r.code, out).toBe(1);
    expect(out).toContain(`Expected: ${wanted}`);
    expect(out).toContain('Got: ');
    expect(out).toMatch(/Got: [0-9a-f]{64}/);
    expect(readdirSync(join(p.dir, 'cache')).filter((n) => n.endsWith('.iso'))).toEqual([]);
    expect(existsSync(join(p.dir, 'output-tiny'))).toBe(false);
  }, 60_000);

  it("shows QEMU's own error when it cannot start, and leaves no output directory", async () => {
    const p = project();
    p.template({ qemuargs: '[["-no-such-switch", ""]]' });
    const r = await build(p.dir);
    const out = r.stdout + r.stderr;
    expect(r.code, out).toBe(1);
    expect(out).toContain('Error launching VM: Qemu failed to start (exit status 1):');
    expect(out).toContain('-no-such-switch: invalid option');
    expect(existsSync(join(p.dir, 'output-tiny'))).toBe(false);
    expect(journaledVms(p.dir)).toEqual([]);
  }, 60_000);

  it('stops the VM and removes the output directory when SSH never comes up', async () => {
    const p = project();
    p.template(NO_SSH);
    let pid = 0;
    // The VM's pid comes from the journal while the build runs.
    const watched = runCli(['build', '-color=false', '.'], { cwd: p.dir, env: env(p.dir) });
    await waitFor(() => (pid = journaledVms(p.dir)[0] ?? 0), { what: 'the VM process in the journal', timeoutMs: 60_000 });
    const done = await watched;
    const out = done.stdout + done.stderr;
    expect(done.code, out).toBe(1);
    expect(out).toContain('Timeout waiting for SSH.');
    expect(out).toContain('==> qemu.tiny: Deleting output directory...');
    expect(processGone(pid)).toBe(true);
    expect(existsSync(join(p.dir, 'output-tiny'))).toBe(false);
    expect(journaledVms(p.dir)).toEqual([]);
  }, 120_000);

  it('with -on-error=abort keeps the VM and the output directory; tsbuild cleanup stops the VM', async () => {
    const p = project();
    p.template(NO_SSH);
    const r = await build(p.dir, ['-on-error=abort']);
    const out = r.stdout + r.stderr;
    expect(r.code, out).toBe(1);
    expect(out).toContain('Timeout waiting for SSH.');
    expect(existsSync(join(p.dir, 'output-tiny', 'packer-tiny'))).toBe(true);
    const [pid] = journaledVms(p.dir);
    expect(pid).toBeGreaterThan(0);
    expect(processGone(pid!)).toBe(false);
    const cleanup = await runCli(['cleanup'], { cwd: p.dir, env: env(p.dir) });
    expect(cleanup.code, cleanup.stdout + cleanup.stderr).toBe(0);
    await waitFor(() => processGone(pid!), { what: 'the VM to stop' });
  }, 120_000);

  it('leaves no QEMU process running after Ctrl-C while the VM boots', async () => {
    const p = project();
    p.template({ ...NO_SSH, ssh_timeout: '"5m"' });
    let pid = 0;
    const r = await buildAndInterrupt(['-color=false', '.'], {
      cwd: p.dir,
      env: env(p.dir),
      marker: 'Waiting for SSH to become available',
      ready: { what: 'the VM process in the journal', check: () => (pid = journaledVms(p.dir)[0] ?? 0) > 0 },
    });
    expect(r.sent, r.out).toBe(true);
    expect(r.code, r.out).not.toBe(0);
    expect(processGone(pid)).toBe(true);
    expect(existsSync(join(p.dir, 'output-tiny')), r.out).toBe(false);
    expect(journaledVms(p.dir)).toEqual([]);
  }, 120_000);

  it('refuses an output directory that exists and leaves it as it was; -force replaces it', async () => {
    const p = project();
    p.template({ ...NO_SSH });
    mkdirSync(join(p.dir, 'output-tiny'));
    writeFileSync(join(p.dir, 'output-tiny', 'keep-me'), 'x');
    const r = await build(p.dir);
    const out = r.stdout + r.stderr;
    expect(r.code, out).toBe(1);
    expect(out).toContain("Output directory 'output-tiny' already exists. It must not exist.");
    expect(readdirSync(join(p.dir, 'output-tiny'))).toEqual(['keep-me']);
    expect(readdirSync(join(p.dir, 'output-tiny'))).not.toContain('packer-tiny');
    // With -force the old one goes first (this build then fails on SSH and removes the one it made).
    const forced = await build(p.dir, ['-force']);
    expect(forced.stdout).toContain('==> qemu.tiny: Deleting previous output directory...');
    expect(forced.stdout).toContain('==> qemu.tiny: Starting VM, booting from CD-ROM');
    expect(existsSync(join(p.dir, 'output-tiny'))).toBe(false);
  }, 60_000);

  it('fails at once, with what QEMU said, when the VM dies while tsbuild waits for SSH', async () => {
    const p = project();
    p.template({ ...NO_SSH, ssh_timeout: '"5m"' });
    const running = startCli(['build', '-color=false', '.'], { cwd: p.dir, env: env(p.dir) });
    await waitFor(() => running.output().includes('Waiting for SSH to become available'), { what: 'the SSH wait', timeoutMs: 60_000 });
    const [pid] = journaledVms(p.dir);
    process.kill(pid!, 'SIGKILL');
    const r = await running.exited;
    const out = r.stdout + r.stderr;
    expect(r.code, out).toBe(1);
    expect(out).toContain('QEMU exited while the build was at StepConnect');
    expect(out).not.toContain('Timeout waiting for SSH');
    expect(existsSync(join(p.dir, 'output-tiny'))).toBe(false);
    expect(journaledVms(p.dir)).toEqual([]);
  }, 60_000);
});
