// Removing a file a killed run left on a machine over SSH: one connection made again from the facts the journal
// kept (never a secret: a connection that needed one cannot be made again, and the message says what to do), one
// `rm`, bounded.

import { reconnectProblem, settingsFromAccess } from '../communicator/ssh/access.js';
import { dialSsh } from '../communicator/ssh/dial.js';
import { execCommand, shellQuote } from '../communicator/ssh/exec.js';
import { loadSsh2 } from '../communicator/ssh/load.js';
import { errorMessage } from '../plugin/errors.js';
import type { ResourceRecord } from './journal.js';

/** The bound of the connection, and then of the command. */
const BOUND_MS = 10_000;

/** Removes the remote file or folder `r` names; resolves with whether it was still there. */
export async function cleanRemoteFile(r: ResourceRecord, env: Readonly<Record<string, string | undefined>>): Promise<'removed' | 'gone'> {
  const { path, host, port, user } = r.data;
  if (r.data.transport !== 'ssh') throw new Error(`it was made over "${r.data.transport}", which tsbuild cleanup cannot reach: remove ${path} by hand`);
  const problem = reconnectProblem(r.data);
  if (problem) throw new Error(`${problem}: remove ${path} on ${host}:${port} by hand`);
  const conn = await dialSsh(loadSsh2(), settingsFromAccess(r.data, BOUND_MS), { env, timeoutMs: BOUND_MS }).catch((e: unknown) => {
    throw new Error(`could not connect to ${user}@${host}:${port}: ${errorMessage(e)}`, { cause: e });
  });
  try {
    const q = shellQuote(path!);
    const rm = r.data.folder === 'yes' ? 'rm -rf' : 'rm -f';
    const out: string[] = [];
    const errors: string[] = [];
    const signal = AbortSignal.timeout(BOUND_MS);
    const status = await execCommand(conn.client, `if [ -e ${q} ] || [ -L ${q} ]; then ${rm} -- ${q} && echo removed; fi`, {
      stdout: (l) => out.push(l),
      stderr: (l) => errors.push(l),
      signal,
    }).catch((e: unknown) => {
      throw signal.aborted ? new Error(`${user}@${host}:${port} did not answer within ${BOUND_MS / 1000}s`) : e;
    });
    if (status !== 0) throw new Error(`rm on ${host}:${port} failed: ${errors.join(' ') || `exit status ${status}`}`);
    return out.includes('removed') ? 'removed' : 'gone';
  } finally {
    conn.close();
  }
}
