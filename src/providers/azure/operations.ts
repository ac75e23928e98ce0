// Waiting for ARM's long-running operations. The SDKs' pollers wait a fixed interval (2 s, or the server's
// Retry-After) between polls; tsbuild polls soon and then less and less often (250 ms, doubling up to 10 s), so an
// operation that ends in a second is seen in a second and an hour-long one costs few calls. Cancellable.

import { sleep } from '../../engine/cancel.js';

/** What a poller of @azure/core-lro 2 (SimplePollerLike) or 3 (PollerLike) has in common. */
export interface AnyPoller<T> {
  poll(options?: { abortSignal?: AbortSignal }): Promise<unknown>;
  isDone: boolean | (() => boolean);
  pollUntilDone(options?: { abortSignal?: AbortSignal }): Promise<T>;
}

const FIRST_DELAY_MS = 250;
const MAX_DELAY_MS = 10_000;

/**
 * The operation's result once it is done; rejects with its error when it ends Failed. Pass core-lro 3 pollers
 * as they are (they are thenables: awaiting one waits with the SDK's interval).
 */
export async function untilDone<T>(poller: AnyPoller<T>, signal: AbortSignal): Promise<T> {
  const done = () => (typeof poller.isDone === 'function' ? poller.isDone() : poller.isDone);
  let delay = FIRST_DELAY_MS;
  for (;;) {
    await poller.poll({ abortSignal: signal });
    if (done()) break;
    await sleep(delay, signal);
    delay = Math.min(delay * 2, MAX_DELAY_MS);
  }
  return poller.pollUntilDone({ abortSignal: signal });
}
