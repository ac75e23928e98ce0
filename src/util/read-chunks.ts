import { open, type FileHandle } from 'node:fs/promises';

/** The bytes of an open file, read in large chunks with the next read started before the current chunk is used. */
export interface ChunkReader {
  /** The file's size when it was opened: the bytes the chunks add up to. */
  readonly size: number;
  chunks(): AsyncGenerator<Buffer>;
  close(): Promise<void>;
}

/** Thrown when a file ends before the size it had when opened (it was truncated or replaced meanwhile). */
export class FileChangedError extends Error {}

/**
 * Opens `path` for reading in chunks of `chunkSize` bytes. Open errors are Node's (ENOENT...); a file that shrinks
 * while being read fails with FileChangedError; bytes appended after the open are not read, so the chunks always add
 * up to `size`. Each chunk is a fresh buffer a consumer may keep, unless a `ring` of buffers (each at least
 * `chunkSize` bytes) is given: chunks are then read into them in turn (no page faults on fresh memory, a large share
 * of the cost of hashing a file), and a chunk stays valid until the consumer has taken `ring.length - 1` more (the
 * next read starts before a chunk is handed over).
 */
export async function openChunkReader(path: string, chunkSize: number, ring?: readonly Buffer[]): Promise<ChunkReader> {
  const handle: FileHandle = await open(path, 'r');
  let size: number;
  try {
    size = (await handle.stat()).size;
  } catch (e) {
    await handle.close();
    throw e;
  }
  let turn = 0;
  const readAt = async (pos: number): Promise<Buffer> => {
    const want = Math.min(chunkSize, size - pos);
    const buf = ring ? ring[turn++ % ring.length]!.subarray(0, want) : Buffer.allocUnsafe(want);
    let got = 0;
    while (got < want) {
      const { bytesRead } = await handle.read(buf, got, want - got, pos + got);
      if (bytesRead === 0) throw new FileChangedError(`${path} changed while being read: it has ${pos + got} bytes, ${size} when it was opened`);
      got += bytesRead;
    }
    return buf;
  };
  return {
    size,
    async *chunks() {
      let pos = 0;
      let next = size > 0 ? readAt(0) : undefined;
      while (next) {
        const buf = await next;
        pos += buf.length;
        next = pos < size ? readAt(pos) : undefined;
        // A read started ahead and not awaited because the consumer stopped must not be an unhandled rejection.
        next?.catch(() => {});
        yield buf;
      }
    },
    close: () => handle.close(),
  };
}
