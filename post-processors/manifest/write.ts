import { open, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { sleep } from '../../src/engine/cancel.js';
import { formatManifest, parseManifest, type ManifestEntry } from './format.js';

/**
 * Takes the `<output>.lock` file Packer's manifest uses between processes (three tries, 200 ms apart); like
 * Packer, goes on without it after the last try. Resolves with a release function.
 */
async function lockFile(path: string, signal: AbortSignal): Promise<() => Promise<void>> {
  const lock = `${path}.lock`;
  for (let i = 0; i < 3; i++) {
    if (i > 0) await sleep(i * 200, signal);
    try {
      await (await open(lock, 'wx')).close();
      return () => rm(lock, { force: true });
    } catch {
      // held by another process: retry
    }
  }
  return async () => {};
}

/**
 * Adds an entry to the manifest at `path`: appends within a run and across runs; a new run with -force starts a
 * new file. Writes a temporary file and renames it, so a reader never sees half a manifest.
 */
export async function appendToManifest(path: string, entry: ManifestEntry, runUuid: string, force: boolean, signal: AbortSignal): Promise<void> {
  const release = await lockFile(path, signal);
  try {
    let text = '';
    try {
      text = await readFile(path, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw new Error(`Unable to open ${path} for reading: ${(e as Error).message}`);
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
      await rename(temp, path);
    } catch (e) {
      await rm(temp, { force: true });
      throw new Error(`Unable to write ${path}: ${(e as Error).message}`);
    }
  } finally {
    await release();
  }
}
