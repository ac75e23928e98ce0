import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { waitFor } from './wait.js';

export const CLI = fileURLToPath(new URL('../../bin/tsbuild.js', import.meta.url));

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** A running CLI: what it printed so far (stdout and stderr together), and its result once it exits. */
export interface RunningCli {
  output(): string;
  exited: Promise<CliResult>;
  /** Kills it (SIGKILL, or `signal`) unless it has exited: for a test that gave up on it, or that stops a server. */
  kill(signal?: NodeJS.Signals): void;
}

/** Starts the real CLI (the built bundle; or `program`, such as Packer, to compare) in `cwd`, feeding `input` on stdin. */
export function startCli(args: string[], opts: { cwd: string; input?: string; env?: Record<string, string>; program?: string }): RunningCli {
  const [command, ...before] = opts.program ? [opts.program] : [process.execPath, CLI];
  const child = spawn(command!, [...before, ...args], { cwd: opts.cwd, env: { ...process.env, ...opts.env } });
  let stdout = '';
  let stderr = '';
  let both = '';
  child.stdout.on('data', (d) => ((stdout += d), (both += d)));
  child.stderr.on('data', (d) => ((stderr += d), (both += d)));
  const exited = new Promise<CliResult>((done, fail) => {
    child.on('error', fail);
    child.on('close', (code) => done({ code, stdout, stderr }));
  });
  child.stdin.end(opts.input ?? '');
  return { output: () => both, exited, kill: (signal = 'SIGKILL') => void (child.exitCode === null && child.signalCode === null && child.kill(signal)) };
}

/** Runs the real CLI (the built bundle) in `cwd`, feeding `input` on stdin. */
export function runCli(args: string[], opts: { cwd: string; input?: string; env?: Record<string, string> }): Promise<CliResult> {
  return startCli(args, opts).exited;
}

/**
 * Runs `tsbuild build` and sends it Ctrl-C (SIGINT, or `signal`) once its output contains `marker` and then, when
 * given, once `ready` holds (polled with a generous bound: what must be happening when the interrupt comes, such as
 * a command running in the container); resolves when it exits, with everything it printed and how long it took to
 * stop after the interrupt.
 */
export async function buildAndInterrupt(
  args: string[],
  opts: { cwd: string; marker: string; ready?: { check: () => boolean | Promise<boolean>; what: string }; signal?: NodeJS.Signals; env?: Record<string, string> },
): Promise<{ code: number | null; out: string; sent: boolean; stopMs: number }> {
  const child = spawn(process.execPath, [CLI, 'build', ...args], { cwd: opts.cwd, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...opts.env } });
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
  if (!exited) sent = child.kill(opts.signal ?? 'SIGINT');
  const interrupted = Date.now();
  const code = await closed;
  if (notReady) throw new Error(`${notReady.message}; tsbuild printed:\n${out}`);
  return { code, out, sent: sent && out.includes(opts.marker), stopMs: Date.now() - interrupted };
}
