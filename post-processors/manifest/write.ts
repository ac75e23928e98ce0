import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import { describeFsError, isFsError } from '../../src/util/fs-error.js';
import { withFileLock, type FileLockOptions } from '../../src/util/file-lock/with-file-lock.js';
import { formatManifest, parseManifest, type ManifestEntry } from './format.js';

/** How the manifest's lock is waited for: how long for a live holder, and when a lock is stale. */
export type ManifestLockOptions = Pick<FileLockOptions, 'timeoutMs' | 'staleMs' | 'onTakeOver' | 'timeoutSetting'>;

export const DEFAULT_MANIFEST_LOCK: ManifestLockOptions = { timeoutMs: 60_000, staleMs: 30_000 };

/**
 * Adds an entry to the manifest at `path`: appends within a run and across runs; a new run with -force starts a
 * new file. Other processes writing the same manifest wait for `<output>.lock`, the lock file Packer uses; unlike
 * Packer, which writes without the lock after 600 ms, this waits for a live holder up to `lock.timeoutMs`, takes over
 * a stale lock, and otherwise fails. Writes a temporary file and renames it, so a reader never sees half a manifest.
 */
export async function appendToManifest(
  path: string,
  entry: ManifestEntry,
  runUuid: string,
  force: boolean,
  signal: AbortSignal,
  lock: ManifestLockOptions = DEFAULT_MANIFEST_LOCK,
): Promise<void> {
  await withFileLock(path, { ...lock, signal, what: 'manifest' }, async (held) => {
    let text = '';
    try {
      text = await readFile(path, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw new Error(`Unable to open ${path} for reading: ${describeFsError(e)}`);
    }
    let manifest;
    try {
      manifest = parseManifest(text);
    } catch (e) {
      throw new Error(`Unable to parse content from ${path}: ${(e as Error).message}`);
    }
    if (force && runUuid !== manifest.last_run_uuid) manifest = { builds: [], last_run_uuid: '' };
    manifest.builds.push(entry);
    manifest.last_run_uuid = runUuid;
    const temp = `${path}.${process.pid}.${Date.now()}.tmp`;
    try {
      await writeFile(temp, formatManifest(manifest), { mode: 0o664 });
      await held.check(); // the lock is still ours: no other process can have written the manifest meanwhile
      await rename(temp, path);
    } catch (e) {
      await rm(temp, { force: true }).catch(() => {}); // the error that matters is the one above
      throw isFsError(e) ? new Error(`Unable to write ${path}: ${describeFsError(e)}`) : e;
    }
  });
}
