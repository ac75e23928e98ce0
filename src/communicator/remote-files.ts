// Temporary files a provisioner puts on the machine (a script, a variables file, a staging folder). Each is written
// down in the resource journal before it is made and crossed out once removed, so that `tsbuild cleanup` removes
// what a killed run left. What a cancelled or failed provisioner leaves is removed at once, on a session of its own
// bounded by a few seconds (the build's signal is already aborted by then), and said when it cannot be.

import { abortableWait } from '../engine/cancel.js';
import type { Communicator } from '../plugin/communicator.js';
import type { RunContext } from '../plugin/context.js';
import { errorMessage } from '../plugin/errors.js';
import { formatGoDuration } from '../ui/duration.js';
import { DISCONNECTED, shellQuote } from './ssh/exec.js';

/** How long removing what a cancelled or failed provisioner left may take, reconnecting included. */
export const REMOVE_BOUND_MS = 5_000;

export interface RemoteFiles {
  /** Writes `path` down, before it is made; a folder is removed with what it holds. */
  add(path: string, opts?: { folder?: boolean }): void;
  /** `paths` are gone (a command removed them): crossed out. */
  gone(paths: readonly string[]): void;
  /** Removes `paths` under `signal`; rejects with the reason it could not. */
  remove(paths: readonly string[], signal: AbortSignal): Promise<void>;
  /** Removes whatever is still written down, bounded by REMOVE_BOUND_MS; says what it did or why it could not. Never rejects. */
  removeLeft(): Promise<void>;
}

/**
 * The tracker of one provisioner's temporary files on `comm`'s machine. A communicator without `access` keeps its
 * files in a machine the build removes (a container): nothing is written down nor removed afterwards.
 */
export function trackRemoteFiles(comm: Communicator, ctx: RunContext): RemoteFiles {
  const access = comm.access?.();
  /** path -> its journal record and whether it is a folder. */
  const files = new Map<string, { record: string; folder: boolean }>();
  const tracker: RemoteFiles = {
    add(path, opts) {
      if (!access || files.has(path)) return;
      const folder = opts?.folder === true;
      const description = `remote ${folder ? 'folder' : 'file'} ${path} on ${access.where}`;
      const record = ctx.journal.record('remote-file', ctx.buildName, description, { ...access.facts, path, ...(folder ? { folder: 'yes' } : {}) });
      files.set(path, { record, folder });
    },
    gone(paths) {
      for (const p of paths) {
        const f = files.get(p);
        if (!f) continue;
        ctx.journal.forget(f.record);
        files.delete(p);
      }
    },
    async remove(paths, signal) {
      const folders = paths.filter((p) => files.get(p)?.folder);
      const plain = paths.filter((p) => !folders.includes(p));
      const words = (ps: string[]) => ps.map(shellQuote).join(' ');
      const command = [plain.length > 0 ? `rm -f -- ${words(plain)}` : '', folders.length > 0 ? `rm -rf -- ${words(folders)}` : ''].filter(Boolean).join(' && ');
      const errors: string[] = [];
      // Opening a channel on a connection that no longer answers waits for ever: the signal bounds it.
      const { exitCode } = await abortableWait(comm.run(command, { stderr: (l) => errors.push(l), signal }), signal);
      if (exitCode === DISCONNECTED) throw new Error('the connection dropped');
      if (exitCode !== 0) throw new Error(errors.join(' ') || `rm exited with status ${exitCode}`);
      tracker.gone(paths);
    },
    async removeLeft() {
      const left = [...files.keys()];
      if (left.length === 0) return;
      const bound = AbortSignal.timeout(REMOVE_BOUND_MS);
      try {
        await tracker.remove(left, bound);
        ctx.ui.say(`Removed ${left.join(', ')} from the machine.`);
      } catch (e) {
        const reason = bound.aborted ? `no answer within ${formatGoDuration(REMOVE_BOUND_MS)}` : errorMessage(e);
        const next = access?.noReconnect ? `${access.noReconnect}: remove it by hand` : '`tsbuild cleanup` will try again';
        ctx.ui.error(`Could not remove ${left.join(', ')} from the machine: ${reason}; ${next}`);
      }
    },
  };
  return tracker;
}
