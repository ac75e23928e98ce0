import { spawn } from 'node:child_process';
import { resolve } from 'node:path';

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
 * Runs `tsbuild build` and sends it Ctrl-C (SIGINT) once its output contains `marker` (after `delayMs`); resolves
 * when it exits, with everything it printed and how long it ran.
 */
export function buildAndInterrupt(args: string[], opts: { cwd: string; marker: string; delayMs?: number }): Promise<{ code: number | null; out: string; sent: boolean; elapsedMs: number }> {
  const started = Date.now();
  const child = spawn(process.execPath, [CLI, 'build', ...args], { cwd: opts.cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let sent = false;
  const onData = (d: Buffer) => {
    out += d;
    if (!sent && out.includes(opts.marker)) {
      sent = true;
      setTimeout(() => child.kill('SIGINT'), opts.delayMs ?? 0);
    }
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  return new Promise((done) => child.on('close', (code) => done({ code, out, sent, elapsedMs: Date.now() - started })));
}
