// VM processes in the journal: `tsbuild cleanup` stops the VM a killed run left running (a real QEMU, paused), and
// never a process that only has the same pid.

import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { openJournal, readJournal } from '../../src/journal/journal.js';
import { processStartTime, recordVmProcess, stopVmProcess } from '../../src/journal/vm-process.js';
import { runCli, startCli } from '../support/cli.js';
import { needs } from '../support/needs.js';
import { qemuIso } from '../support/qemu.js';
import { processGone, waitFor } from '../support/wait.js';

const ROOT = resolve(import.meta.dirname, '../..');
const TSX = pathToFileURL(join(ROOT, 'node_modules/tsx/dist/loader.mjs')).href;
const PROGRAM = join(ROOT, 'test/journal/programs/run-with-vm.ts');

describe('VM process records', () => {
  it('stop the recorded process, and leave alone another that has its pid', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tsbuild-vm-journal-'));
    const child = spawn('sleep', ['300'], { stdio: 'ignore' });
    try {
      const journal = openJournal(dir, 'run-1');
      const id = recordVmProcess(journal, 'qemu.t', 'VM process', child.pid!);
      const record = readJournal(join(dir, 'run-1.jsonl')).outstanding.find((r) => r.id === id)!;
      expect(record.data.started).toBe(processStartTime(child.pid!));
      expect(await stopVmProcess({ ...record, data: { ...record.data, started: '1' } })).toBe('gone');
      expect(processGone(child.pid!)).toBe(false);
      expect(await stopVmProcess(record)).toBe('removed');
      await waitFor(() => processGone(child.pid!), { what: 'the recorded process to stop' });
      expect(await stopVmProcess(record)).toBe('gone');
    } finally {
      child.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    }
  });

  needs(qemuIso).it('tsbuild cleanup stops the QEMU a run killed with -9 left running', async () => {
    const state = mkdtempSync(join(tmpdir(), 'tsbuild-vm-state-'));
    const env = { TSBUILD_STATE_DIR: state };
    const run = startCli(['--import', TSX, PROGRAM, 'qemu-system-x86_64', '-S', '-display', 'none', '-nodefaults', '-m', '64'], { cwd: state, env, program: process.execPath });
    try {
      const line = await waitFor(() => /recorded (\d+)/.exec(run.output()), { what: 'the program to start and record QEMU' });
      const pid = Number(line[1]);
      run.kill('SIGKILL');
      await run.exited;
      expect(processGone(pid)).toBe(false);
      const cleanup = await runCli(['cleanup'], { cwd: state, env });
      expect(cleanup.code, cleanup.stdout + cleanup.stderr).toBe(0);
      expect(cleanup.stdout).toContain(`Removed VM process ${pid} (qemu-system-x86_64) (build qemu.t, run `);
      await waitFor(() => processGone(pid), { what: 'QEMU to stop' });
      const again = await runCli(['cleanup'], { cwd: state, env });
      expect(again.stdout).not.toContain('VM process');
    } finally {
      run.kill('SIGKILL');
      rmSync(state, { recursive: true, force: true });
    }
  }, 120_000);
});
