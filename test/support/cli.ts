import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { waitFor } from './wait.js';

export const CLI = resolve(__dirname, '../../bin/tsbuild.js');

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the real CLI (the built bundle) in `cwd`, feeding `input` on stdin. */
export function runCli(args: string[], opts: { cwd: string; input?: string; env?: Record<string, string> }): Promise<CliResult> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd: opts.cwd, env: { ...process.env, ...opts.env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', fail);
    child.on('close', (code) => done({ code, stdout, stderr }));
    child.stdin.end(opts.input ?? '');
  });
}

/**
 * Runs `tsbuild build` and sends it Ctrl-C (SIGINT) once its output contains `marker` and then, when given, once
 * `ready` holds (polled with a generous bound: what must be happening when the interrupt comes, such as a command
 * running in the container); resolves when it exits, with everything it printed and how long it took to stop after
 * the interrupt.
 */
export async function buildAndInterrupt(
  args: string[],
  opts: { cwd: string; marker: string; ready?: { check: () => boolean | Promise<boolean>; what: string }; env?: Record<string, string> },
): Promise<{ code: number | null; out: string; sent: boolean; stopMs: number }> {
  const child = spawn(process.execPath, [CLI, 'build', ...args], { cwd: opts.cwd, env: { ...process.env, ...opts.env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  const onData = (d: Buffer) => (out += d);
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  const closed = new Promise<number | null>((done) => child.on('close', done));
  let exited = false;
  void closed.then(() => (exited = true));
  let sent = false;
  let notReady: Error | undefined;
  try {
    await waitFor(() => exited || out.includes(opts.marker), { what: `"${opts.marker}" in the output of tsbuild build`, timeoutMs: 120_000 });
    if (!exited && opts.ready) await waitFor(async () => exited || (await opts.ready!.check()), { what: opts.ready.what, timeoutMs: 60_000 });
  } catch (e) {
    notReady = e as Error;
  }
  if (!exited) sent = child.kill('SIGINT');
  const interrupted = Date.now();
  const code = await closed;
  if (notReady) throw new Error(`${notReady.message}; tsbuild printed:\n${out}`);
  return { code, out, sent: sent && out.includes(opts.marker), stopMs: Date.now() - interrupted };
}
