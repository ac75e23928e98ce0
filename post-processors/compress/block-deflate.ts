// Deflate on every core, as pigz and Go's pgzip do: the data is cut into 1 MiB blocks, each compressed on its own
// (on libuv's thread pool) with the 32 KiB before it as dictionary, so the ratio stays close to one stream's. A
// block other than the last ends with a sync flush (byte-aligned, not final), so the blocks concatenate into one
// valid raw deflate stream; the CRC-32 and length of the data are kept for the gzip trailer or zip entry.

import { promisify } from 'node:util';
import zlib from 'node:zlib';
import { inOrder, type Job } from './in-order.js';

const BLOCK = 1 << 20;
const WINDOW = 32 << 10;
const deflateRaw = promisify(zlib.deflateRaw) as (buf: Buffer, opts: zlib.ZlibOptions) => Promise<Buffer>;

export interface DeflateOptions {
  level: number;
  strategy?: number;
}

/** The CRC-32 and byte count of what went in, once the output has been read to its end. */
export interface DeflateSummary {
  crc: number;
  size: number;
}

/** Cuts a stream of buffers of any size into blocks of `size` bytes (the last may be shorter). */
export async function* rechunk(input: AsyncIterable<Buffer>, size: number): AsyncGenerator<Buffer> {
  let parts: Buffer[] = [];
  let have = 0;
  for await (let buf of input) {
    while (have + buf.length >= size) {
      const take = size - have;
      parts.push(buf.subarray(0, take));
      yield parts.length === 1 ? parts[0]! : Buffer.concat(parts, size);
      buf = buf.subarray(take);
      parts = [];
      have = 0;
    }
    if (buf.length > 0) {
      parts.push(buf);
      have += buf.length;
    }
  }
  if (have > 0) yield Buffer.concat(parts, have);
}

/**
 * The raw deflate stream of `input`, produced in parallel and yielded in order; `summary` is filled in when the
 * stream has been read to its end.
 */
export async function* deflateParallel(input: AsyncIterable<Buffer>, opts: DeflateOptions, summary: DeflateSummary): AsyncGenerator<Buffer> {
  let previous: Buffer | undefined;
  const start = (block: Buffer, last: boolean): Promise<Buffer> => {
    const options: zlib.ZlibOptions = {
      level: opts.level,
      strategy: opts.strategy,
      finishFlush: last ? zlib.constants.Z_FINISH : zlib.constants.Z_SYNC_FLUSH,
      chunkSize: BLOCK + (BLOCK >> 2),
    };
    if (previous) options.dictionary = previous.subarray(Math.max(0, previous.length - WINDOW));
    previous = block;
    return deflateRaw(block, options);
  };
  async function* jobs(): AsyncGenerator<Job<Buffer>> {
    summary.crc = 0;
    summary.size = 0;
    // A block is started once the next one is there: only then is it known not to be the last.
    let pending: Buffer | undefined;
    for await (const block of rechunk(input, BLOCK)) {
      summary.crc = zlib.crc32(block, summary.crc);
      summary.size += block.length;
      if (pending) {
        const ready = pending;
        yield () => start(ready, false);
      }
      pending = block;
    }
    const last = pending ?? Buffer.alloc(0);
    yield () => start(last, true);
  }
  yield* inOrder(jobs());
}
