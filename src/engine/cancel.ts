import { CancelledError, errorKind } from '../plugin/errors.js';

export { CancelledError };

export function isCancellation(e: unknown): boolean {
  return errorKind(e) === 'cancelled';
}

/**
 * Calls `fn` once `signal` aborts, at once when it has already: a cancel that came before the work started is not
 * missed (an abort event fires only once). Returns the function that stops listening.
 */
export function whenAborted(signal: AbortSignal, fn: () => void): () => void {
  if (signal.aborted) {
    fn();
    return () => {};
  }
  signal.addEventListener('abort', fn, { once: true });
  return () => signal.removeEventListener('abort', fn);
}

/** Resolves with `p`, or rejects with CancelledError as soon as `signal` aborts. */
export function abortableWait<T>(p: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(new CancelledError());
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new CancelledError());
    signal.addEventListener('abort', onAbort, { once: true });
    p.then(
      (v) => {
        signal.removeEventListener('abort', onAbort);
        resolve(v);
      },
      (e) => {
        signal.removeEventListener('abort', onAbort);
        reject(e);
      },
    );
  });
}

/** Waits `ms`, or rejects with CancelledError when `signal` aborts first. */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const wait = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, ms);
  });
  return abortableWait(wait, signal).finally(() => clearTimeout(timer));
}
