import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { CancelledError, whenAborted } from './cancel.js';
import type { RunContext } from '../plugin/context.js';

/**
 * Runs a program on the build host, streaming its output lines to the build's UI (stdout as messages; stderr as
 * messages or errors), in its own process group so that cancelling kills it and everything it started. Resolves
 * with the exit code; rejects with CancelledError when the build is cancelled.
 */
export function runLocal(argv: string[], env: Record<string, string | undefined>, ctx: RunContext, opts: { stderr: 'message' | 'error' }): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(argv[0]!, argv.slice(1), { cwd: ctx.cwd, env: env as NodeJS.ProcessEnv, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    const kill = () => {
      try {
        if (child.pid) process.kill(-child.pid, 'SIGTERM');
      } catch {
        // already gone
      }
    };
    const stopListening = whenAborted(ctx.signal, kill);
    createInterface({ input: child.stdout! }).on('line', (l) => ctx.ui.message(l));
    createInterface({ input: child.stderr! }).on('line', (l) => (opts.stderr === 'error' ? ctx.ui.error(l) : ctx.ui.message(l)));
    child.on('error', (e) => {
      stopListening();
      reject(e);
    });
    child.on('close', (code) => {
      stopListening();
      if (ctx.signal.aborted) reject(new CancelledError());
      else resolve(code ?? -1);
    });
  });
}
