// A signal in the first moments of a run: from the first moment tsbuild listens to signals (its first lines, before
// the bundle loads; a preloaded probe says when), a build cancels cleanly and says so; other commands end as the
// signal usually ends a process.
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { CLI } from '../support/cli.js';
import { waitFor } from '../support/wait.js';

// The provisioner gives the event loop a turn (a null build with nothing to run could finish before a signal is
// even looked at); the signal must cancel the build long before it ends.
const TEMPLATE = 'source "null" "a" {\n  communicator = "none"\n}\nbuild {\n  sources = ["source.null.a"]\n  provisioner "shell-local" {\n    inline = ["sleep 60"]\n  }\n}\n';

const PROBE = resolve(__dirname, '../support/signal-probe.cjs');

/** Runs tsbuild with `args` and sends `signal` `delayMs` after it starts listening to signals. */
async function signalAtStart(args: string[], signal: 'SIGINT' | 'SIGTERM', delayMs = 0) {
  const dir = mkdtempSync(join(tmpdir(), 'tsbuild-early-signal-'));
  writeFileSync(join(dir, 't.pkr.hcl'), TEMPLATE);
  const child = spawn(process.execPath, ['--require', PROBE, CLI, ...args, ...(args[0] === 'console' ? [] : ['t.pkr.hcl'])], { cwd: dir, stdio: ['pipe', 'pipe', 'pipe', 'pipe'] });
  let out = '';
  let probe = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  (child.stdio[3] as Readable).on('data', (d) => (probe += d));
  const ended = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) => child.on('close', (code, sig) => done({ code, signal: sig })));
  await waitFor(() => probe.includes('listening'), { what: 'tsbuild to listen to signals', intervalMs: 1 });
  // The signal is the stimulus: sent at a chosen moment of the start, not waited for.
  if (delayMs > 0) await new Promise((r) => setTimeout(r, delayMs));
  child.kill(signal);
  return { ...(await ended), out };
}

describe('a signal at the start of a run', () => {
  it.each([
    ['SIGINT', 0],
    ['SIGINT', 25],
    ['SIGINT', 50],
    ['SIGTERM', 0],
  ] as const)('%s %i ms after tsbuild listens: a build cancels cleanly, with a message and exit code 1', async (sig, delayMs) => {
    const r = await signalAtStart(['build'], sig, delayMs);
    expect(r.signal, r.out).toBeNull();
    expect(r.code).toBe(1);
    expect(r.out).toContain(`Cancelling build after receiving ${sig === 'SIGINT' ? 'interrupt' : 'terminated'}`);
    expect(r.out).not.toContain('Builds finished');
  });

  it('other commands end by the signal, as usual (a console waiting for input)', async () => {
    const r = await signalAtStart(['console'], 'SIGINT');
    expect(r.signal).toBe('SIGINT');
  });
});
