import { createHash, type Hash } from 'node:crypto';
import type { ByteProgress } from '../../src/ui/byte-progress.js';
import { openChunkReader } from '../../src/util/read-chunks.js';

/** Packer's checksum types and the digest each one is. */
export const HASH_ALGORITHMS: Readonly<Record<string, string>> = {
  md5: 'md5',
  sha1: 'sha1',
  sha224: 'sha224',
  sha256: 'sha256',
  sha384: 'sha384',
  sha512: 'sha512',
};

/** Large reads keep the digest, not the system calls, the cost; the next read runs while this one is hashed. */
const CHUNK = 4 << 20;

/** The size of `path` (for progress) before it is hashed. */
export async function openForHashing(path: string) {
  return openChunkReader(path, CHUNK, true);
}

/** Every digest of `types` over one read of the file: hex by type. */
export async function hashFile(reader: Awaited<ReturnType<typeof openForHashing>>, types: readonly string[], progress: ByteProgress, signal: AbortSignal): Promise<Map<string, string>> {
  const hashes: [string, Hash][] = [...new Set(types)].map((t) => [t, createHash(HASH_ALGORITHMS[t]!)]);
  for await (const chunk of reader.chunks()) {
    signal.throwIfAborted();
    for (const [, h] of hashes) h.update(chunk);
    progress.add(chunk.length);
  }
  return new Map(hashes.map(([t, h]) => [t, h.digest('hex')]));
}
