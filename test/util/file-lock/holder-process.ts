// Another process that holds a file's lock (hold-lock.ts), for tests of waiting for it and taking over what it
// leaves when it is killed.

import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { waitFor } from '../../support/wait.js';

const ROOT = resolve(__dirname, '../../..');

export interface LockHolderProcess {
  pid: number;
  /** Kills it with SIGKILL (no cleanup can run) and resolves once it has exited. */
  kill(): Promise<void>;
}

/** Starts a process that takes the lock of `file` and holds it; resolves once it holds it. */
export async function startLockHolder(file: string): Promise<LockHolderProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/util/file-lock/hold-lock.ts', file], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (out += d));
  const exited = new Promise<void>((done) => child.on('exit', () => done()));
  let gone = false;
  void exited.then(() => (gone = true));
  await waitFor(() => gone || out.includes('locked'), { what: `a process holding the lock of ${file}`, timeoutMs: 60_000 });
  if (gone) throw new Error(`The lock holder exited before it held the lock: ${out}`);
  return {
    pid: child.pid!,
    kill: async () => {
      child.kill('SIGKILL');
      await exited;
    },
  };
}
