import { availableParallelism } from 'node:os';

/** One job more than cores: a core that finishes finds the next job waiting. */
export const PARALLEL_JOBS = availableParallelism() + 1;

/** A job not started yet: an async generator cannot yield a promise (it would await it). */
export type Job<T> = () => Promise<T>;

/**
 * The results of jobs that run at once (on libuv's thread pool), in the order they were started. A job is started
 * when `jobs` yields it, which happens only while fewer than `limit` results are waiting to be taken.
 */
export async function* inOrder<T>(jobs: AsyncIterable<Job<T>>, limit = PARALLEL_JOBS): AsyncGenerator<T> {
  const queue: Promise<T>[] = [];
  for await (const start of jobs) {
    const job = start();
    job.catch(() => {}); // awaited in order below; a failure not yet awaited must not be an unhandled rejection
    queue.push(job);
    while (queue.length >= limit) yield await queue.shift()!;
  }
  while (queue.length > 0) yield await queue.shift()!;
}
