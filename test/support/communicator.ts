// What the communicator tests (SSH, docker) check alike.

import type { Communicator } from '../../src/plugin/communicator.js';
import { waitFor } from './wait.js';

/**
 * Runs `echo started; sleep 30` through `comm` and cancels it once "started" is printed; resolves with how the run
 * ended (its error message, or "finished") and how long it took to end after the cancel.
 */
export async function cancelRunningCommand(comm: Pick<Communicator, 'run'>): Promise<{ outcome: string; stopMs: number }> {
  const ac = new AbortController();
  const out: string[] = [];
  const outcome = comm.run('echo started; sleep 30', { stdout: (l) => out.push(l), signal: ac.signal }).then(
    () => 'finished',
    (e: Error) => e.message,
  );
  await waitFor(() => out.includes('started'), { what: 'the command to start' });
  const cancelled = Date.now();
  ac.abort();
  return { outcome: await outcome, stopMs: Date.now() - cancelled };
}
