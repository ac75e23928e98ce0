// Several digests of one file on several cores: worker threads each keep some of the hashes and update them from the
// chunks the main thread reads into shared memory; the main thread only reads and hands chunks over.

import { Worker } from 'node:worker_threads';

/** The worker: inline source, since the CLI is one bundled file from which a worker cannot load a module of its own. */
const SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { createHash } = require('node:crypto');
const hashes = workerData.algorithms.map((a) => createHash(a));
const ring = workerData.ring.map((b) => Buffer.from(b));
parentPort.on('message', (m) => {
  if (m.end) return parentPort.postMessage(hashes.map((h) => h.digest('hex')));
  const chunk = ring[m.slot].subarray(0, m.length);
  for (const h of hashes) h.update(chunk);
  parentPort.postMessage(true);
});
`;

/** What a digest costs, roughly, per byte (md5 and the SHA-2 of 64-bit words are the slow ones). */
const COST: Readonly<Record<string, number>> = { md5: 3, sha1: 1, sha224: 1, sha256: 1, sha384: 2, sha512: 2 };

function request<T>(worker: Worker, message: unknown): Promise<T> {
  return new Promise((resolve, reject) => {
    const onMessage = (m: T) => {
      worker.off('error', onError);
      resolve(m);
    };
    const onError = (e: Error) => {
      worker.off('message', onMessage);
      reject(e);
    };
    worker.once('message', onMessage);
    worker.once('error', onError);
    worker.postMessage(message);
  });
}

export interface HashWorkers {
  /** Hashes `chunk`, one of the ring's buffers; resolves when every worker is done with it. */
  update(chunk: Buffer): Promise<void>;
  /** The digests (hex) by algorithm. */
  digests(): Promise<Map<string, string>>;
  close(): Promise<void>;
}

/** Spreads `algorithms` over `count` workers (the costliest first, each to the least loaded) reading from `ring`. */
export function startHashWorkers(algorithms: readonly string[], count: number, ring: readonly Buffer[]): HashWorkers {
  const groups: string[][] = Array.from({ length: Math.min(count, algorithms.length) }, () => []);
  const load = groups.map(() => 0);
  for (const a of [...algorithms].sort((x, y) => (COST[y] ?? 1) - (COST[x] ?? 1))) {
    const i = load.indexOf(Math.min(...load));
    groups[i]!.push(a);
    load[i]! += COST[a] ?? 1;
  }
  const shared = ring.map((b) => b.buffer);
  const workers = groups.map((g) => new Worker(SOURCE, { eval: true, workerData: { algorithms: g, ring: shared } }));
  return {
    update: async (chunk) => {
      const slot = shared.indexOf(chunk.buffer);
      await Promise.all(workers.map((w) => request(w, { slot, length: chunk.length })));
    },
    digests: async () => {
      const results = await Promise.all(workers.map((w) => request<string[]>(w, { end: true })));
      return new Map(groups.flatMap((g, i) => g.map((a, j) => [a, results[i]![j]!] as [string, string])));
    },
    close: async () => {
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}
