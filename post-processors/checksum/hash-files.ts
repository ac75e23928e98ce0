import { createHash } from 'node:crypto';
import { availableParallelism } from 'node:os';
import type { ByteProgress } from '../../src/ui/byte-progress.js';
import { openChunkReader, type ChunkReader } from '../../src/util/read-chunks.js';
import { startHashWorkers } from './hash-workers.js';

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

/** Below this, starting worker threads costs more than hashing on one core. */
const WORKERS_FROM = 64 << 20;

/** A file opened for hashing: its reader, and the buffers of shared memory it reads into in turn. */
export interface HashInput {
  reader: ChunkReader;
  ring: Buffer[];
}

/** Opens `path` with three buffers (one being read, one being hashed, one handed over), which workers can read too. */
export async function openForHashing(path: string): Promise<HashInput> {
  const ring = Array.from({ length: 3 }, () => Buffer.from(new SharedArrayBuffer(CHUNK)));
  return { reader: await openChunkReader(path, CHUNK, ring), ring };
}

/**
 * Every digest of `types` over one read of the file, hex by type: on the main thread for one type or a small file,
 * else spread over worker threads, one per core at most, while the main thread reads the next chunk.
 */
export async function hashFile({ reader, ring }: HashInput, types: readonly string[], progress: ByteProgress, signal: AbortSignal): Promise<Map<string, string>> {
  const unique = [...new Set(types)].map((t) => HASH_ALGORITHMS[t]!);
  const cores = availableParallelism();
  if (unique.length > 1 && cores > 1 && reader.size >= WORKERS_FROM) {
    const workers = startHashWorkers(unique, cores, ring);
    try {
      let hashing: Promise<void> | undefined;
      for await (const chunk of reader.chunks()) {
        signal.throwIfAborted();
        await hashing; // the workers are done with the chunk before: its buffer is the next to be read into
        hashing = workers.update(chunk);
        progress.add(chunk.length);
      }
      await hashing;
      return await workers.digests();
    } finally {
      await workers.close();
    }
  }
  const hashes = unique.map((a) => [a, createHash(a)] as const);
  for await (const chunk of reader.chunks()) {
    signal.throwIfAborted();
    for (const [, h] of hashes) h.update(chunk);
    progress.add(chunk.length);
  }
  return new Map(hashes.map(([a, h]) => [a, h.digest('hex')]));
}
