import { stat } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import type { ByteProgress } from '../../src/ui/byte-progress.js';
import { describeFsError } from '../../src/util/fs-error.js';
import { openChunkReader, type ChunkReader } from '../../src/util/read-chunks.js';
import type { OwnerNames } from './owner-names.js';
import { TAR_END, tarHeader, tarPadding } from './tar-header.js';

/** Reads of 4 MiB: the parallel compressors cut them into their own blocks. */
const CHUNK = 4 << 20;

export interface Input {
  /** As the artifact names it. */
  file: string;
  reader: ChunkReader;
  mode: number;
  uid: number;
  gid: number;
}

/**
 * Opens every file of the artifact before the archive is created, so that a missing one fails the post-processor
 * with its name (in Packer's words, `describe`) and leaves nothing behind.
 */
export async function openInputs(files: readonly string[], cwd: string, describe: (file: string, reason: string) => string): Promise<Input[]> {
  const inputs: Input[] = [];
  try {
    for (const file of files) {
      const path = resolve(cwd, file);
      let reader: ChunkReader;
      let st;
      try {
        st = await stat(path);
        reader = await openChunkReader(path, CHUNK);
      } catch (e) {
        throw new Error(describe(file, describeFsError(e)));
      }
      inputs.push({ file, reader, mode: st.mode & 0o7777, uid: st.uid, gid: st.gid });
    }
  } catch (e) {
    await closeInputs(inputs);
    throw e;
  }
  return inputs;
}

export async function closeInputs(inputs: readonly Input[]): Promise<void> {
  await Promise.all(inputs.map((i) => i.reader.close().catch(() => {})));
}

/** The bytes of one input, counted in `progress`; stops when `signal` is aborted. */
export async function* plainBytes(input: Input, progress: ByteProgress, signal: AbortSignal): AsyncGenerator<Buffer> {
  for await (const chunk of input.reader.chunks()) {
    signal.throwIfAborted();
    progress.add(chunk.length);
    yield chunk;
  }
}

/** A tar archive of the inputs, as Packer writes it (see tar-header.ts). */
export async function* tarBytes(inputs: readonly Input[], owners: OwnerNames, progress: ByteProgress, signal: AbortSignal): AsyncGenerator<Buffer> {
  for (const input of inputs) {
    const size = input.reader.size;
    yield tarHeader({ name: basename(input.file), mode: input.mode, uid: input.uid, gid: input.gid, size, uname: owners.user(input.uid), gname: owners.group(input.gid) });
    yield* plainBytes(input, progress, signal);
    yield tarPadding(size);
  }
  yield TAR_END;
}

/** The bytes the inputs add up to, for progress. */
export function totalSize(inputs: readonly Input[]): number {
  return inputs.reduce((n, i) => n + i.reader.size, 0);
}
