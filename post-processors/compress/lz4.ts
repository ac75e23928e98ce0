import { lazyRequire } from '../../src/util/lazy-require.js';
import { rechunk } from './block-deflate.js';
import { inOrder, type Job } from './in-order.js';

/** Input per LZ4 frame: large enough that the frame headers do not count, small enough to keep every core busy. */
const FRAME_INPUT = 4 << 20;

type Lz4 = { compressFrame(data: Uint8Array): Promise<Buffer> };

/** A native module: loaded when a template writes lz4. */
const loadLz4 = lazyRequire<Lz4>('lz4-napi');

/**
 * The LZ4 frame format (what the `lz4` tool reads), through lz4-napi (lz4_flex in Rust, on libuv's thread pool):
 * one frame per 4 MiB of input, compressed in parallel; concatenated frames are one valid stream. lz4_flex has
 * only LZ4's fast mode: there is no high-compression level (see index.ts).
 */
export async function* lz4Stream(input: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  const lz4 = loadLz4();
  async function* jobs(): AsyncGenerator<Job<Buffer>> {
    let any = false;
    for await (const block of rechunk(input, FRAME_INPUT)) {
      any = true;
      yield () => lz4.compressFrame(block);
    }
    // An empty input is still one (empty) frame.
    if (!any) yield () => lz4.compressFrame(Buffer.alloc(0));
  }
  yield* inOrder(jobs());
}
