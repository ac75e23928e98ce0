// Runs a host program to completion (mformat, xorriso, vmrun...): its output is kept, a failure is an error that
// says which program failed and what it printed, and the build's signal kills it.

import { spawn } from 'node:child_process';
import { CancelledError } from '../../engine/cancel.js';

export interface ToolResult {
  stdout: string;
  stderr: string;
}

export class ToolError extends Error {
  constructor(
    message: string,
    readonly result: ToolResult & { code: number | null },
    /** The program was not found. */
    readonly missing = false,
  ) {
    super(message);
  }
}

export interface RunToolOptions {
  signal?: AbortSignal;
  env?: Readonly<Record<string, string | undefined>>;
  cwd?: string;
}

/** Runs `cmd args`; resolves with its output when it exits 0, rejects with its output otherwise. */
export function runTool(cmd: string, args: readonly string[], o: RunToolOptions = {}): Promise<ToolResult> {
  return new Promise((resolve, reject) => {
    if (o.signal?.aborted) return reject(new CancelledError());
    const child = spawn(cmd, args, { cwd: o.cwd, env: (o.env ?? process.env) as NodeJS.ProcessEnv, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const onAbort = () => child.kill('SIGTERM');
    o.signal?.addEventListener('abort', onAbort, { once: true });
    child.on('error', (e: NodeJS.ErrnoException) => {
      o.signal?.removeEventListener('abort', onAbort);
      reject(new ToolError(e.code === 'ENOENT' ? `${cmd}: executable file not found in $PATH` : `${cmd}: ${e.message}`, { stdout, stderr, code: null }, e.code === 'ENOENT'));
    });
    child.on('close', (code) => {
      o.signal?.removeEventListener('abort', onAbort);
      if (o.signal?.aborted) return reject(new CancelledError());
      if (code === 0) return resolve({ stdout, stderr });
      const output = (stderr.trim() || stdout.trim()).replace(/\s+$/, '');
      reject(new ToolError(`${cmd} ${args.join(' ')} failed (exit status ${code ?? 'signal'})${output ? `: ${output}` : ''}`, { stdout, stderr, code }));
    });
  });
}
