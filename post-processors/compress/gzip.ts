import zlib from 'node:zlib';
import { deflateParallel, rechunk, type DeflateOptions, type DeflateSummary } from './block-deflate.js';
import { inOrder, PARALLEL_JOBS, type Job } from './in-order.js';

/**
 * The zlib settings for Packer's compression_level. Packer compresses gzip with klauspost/compress, whose levels
 * trade speed for size differently from zlib's: each maps to the fastest zlib level that makes files no larger
 * (measured on mixed binaries and text: Packer's default 6 gives the size of zlib's 4, at twice the speed of
 * zlib's 6). -2 is Huffman coding only, as in Go.
 */
const ZLIB_LEVEL = [1, 1, 1, 2, 3, 4, 4, 5, 6, 9];

export function deflateOptions(level: number): DeflateOptions {
  if (level === -2) return { level: 1, strategy: zlib.constants.Z_HUFFMAN_ONLY };
  return { level: ZLIB_LEVEL[Math.min(9, Math.max(0, level))]! };
}

/** Go's gzip header: no name, no time, XFL 2 or 4 at the extreme levels, OS unknown (255). */
function gzipHeader(level: number): Buffer {
  return Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, level === 9 ? 2 : level === 1 ? 4 : 0, 255]);
}

/** One gzip member, its deflate stream made on every core. */
export async function* gzipStream(input: AsyncIterable<Buffer>, level: number): AsyncGenerator<Buffer> {
  yield gzipHeader(level);
  const summary: DeflateSummary = { crc: 0, size: 0 };
  yield* deflateParallel(input, deflateOptions(level), summary);
  const trailer = Buffer.alloc(8);
  trailer.writeUInt32LE(summary.crc >>> 0, 0);
  trailer.writeUInt32LE(summary.size % 2 ** 32, 4);
  yield trailer;
}

/** BGZF's largest block of input: its compressed block must fit in 64 KiB with header and trailer. */
const BGZF_INPUT = 0xff00;
const BGZF_EOF = Buffer.from('1f8b08040000000000ff0600424302001b0003000000000000000000', 'hex');

/**
 * BGZF (blocked gzip, as samtools and Packer's `.bgzf` write it): a gzip member per 64 KiB of input, each with
 * its compressed size in a `BC` extra field, then an empty end-of-file member. Blocks are independent, so they are
 * compressed in parallel.
 */
export async function* bgzfStream(input: AsyncIterable<Buffer>, level: number): AsyncGenerator<Buffer> {
  const opts = deflateOptions(level);
  const member = async (block: Buffer): Promise<Buffer> => {
    const data = await new Promise<Buffer>((done, fail) => zlib.deflateRaw(block, opts, (e, r) => (e ? fail(e) : done(r))));
    const out = Buffer.alloc(18 + data.length + 8);
    out.set([0x1f, 0x8b, 8, 4, 0, 0, 0, 0, 0, 255, 6, 0, 0x42, 0x43, 2, 0]);
    out.writeUInt16LE(out.length - 1, 16);
    data.copy(out, 18);
    out.writeUInt32LE(zlib.crc32(block) >>> 0, 18 + data.length);
    out.writeUInt32LE(block.length, 22 + data.length);
    return out;
  };
  async function* jobs(): AsyncGenerator<Job<Buffer>> {
    for await (const block of rechunk(input, BGZF_INPUT)) yield () => member(block);
  }
  // Blocks are small: many at once keep the cores busy between the round trips to the thread pool.
  yield* inOrder(jobs(), 16 * PARALLEL_JOBS);
  yield BGZF_EOF;
}
