// Holding `<file>.lock` while changing a file that several processes update (the manifest): waits for the holder,
// takes over a stale lock, and fails with a message rather than going on without the lock.

import { rm, utimes } from 'node:fs/promises';
import { sleep } from '../../engine/cancel.js';
import { formatGoDuration } from '../../ui/duration.js';
import { describeFsError } from '../fs-error.js';
import { claimLock, releaseLock, writeRecordFile, type ClaimOptions } from './claim.js';
import { createLockRecord, describeHolder, readLockHolder, type LockHolder, type LockRecord } from './holder.js';

export interface FileLockOptions extends ClaimOptions {
  /** How long to wait for a live holder before failing. */
  timeoutMs: number;
  signal: AbortSignal;
  /** What the file is, for messages: "manifest". */
  what: string;
  /** What sets `timeoutMs`, for the message when it passes: "TSBUILD_MANIFEST_LOCK_TIMEOUT". */
  timeoutSetting?: string;
}

/** What the function run under the lock can ask. */
export interface HeldLock {
  /** Throws unless the lock is still this process's (call it right before the change becomes visible). */
  check(): Promise<void>;
}

/** Runs `fn` while this process holds `<file>.lock`. */
export async function withFileLock<T>(file: string, o: FileLockOptions, fn: (held: HeldLock) => Promise<T>): Promise<T> {
  const lock = `${file}.lock`;
  const record = createLockRecord(new Date());
  const fail = (why: string) => new Error(`Unable to lock the ${o.what} ${file}: ${why}`);
  let recordFile: string;
  try {
    recordFile = await writeRecordFile(lock, record);
  } catch (e) {
    throw fail(`cannot create its lock file ${lock}: ${describeFsError(e)}`);
  }
  try {
    await waitForLock(lock, recordFile, record, o, fail);
  } finally {
    await rm(recordFile, { force: true });
  }
  const lost = (h: LockHolder | undefined) =>
    new Error(`Unable to write the ${o.what} ${file}: its lock file ${lock} was ${h ? `taken over by ${describeHolder(h)}` : 'removed'} while this run held it`);
  const check = async () => {
    const h = await readLockHolder(lock);
    if (h?.record?.token !== record.token) throw lost(h);
  };
  // A holder refreshes its lock so that waiters never judge it stale by age.
  const refresh = setInterval(() => void utimes(lock, new Date(), new Date()).catch(() => {}), Math.max(o.staleMs / 4, 10));
  refresh.unref();
  try {
    return await fn({ check });
  } finally {
    clearInterval(refresh);
    await releaseLock(lock, record.token);
  }
}

/** Claims `lock`, polling while a live process holds it, until `o.timeoutMs` has passed. */
async function waitForLock(lock: string, recordFile: string, record: LockRecord, o: FileLockOptions, fail: (why: string) => Error): Promise<void> {
  const deadline = Date.now() + o.timeoutMs;
  for (let delay = 2; ; delay = Math.min(delay * 2, 100)) {
    let holder;
    try {
      holder = await claimLock(lock, recordFile, record, o);
    } catch (e) {
      throw fail(`cannot use its lock file ${lock}: ${describeFsError(e)}`);
    }
    if (!holder) return;
    if (Date.now() >= deadline) {
      throw fail(
        `its lock file ${lock} is held by ${describeHolder(holder)}; waited ${formatGoDuration(o.timeoutMs)}` +
          `${o.timeoutSetting ? ` (${o.timeoutSetting} sets how long)` : ''}. ` +
          `If no other build is writing the ${o.what}, delete ${lock}.`,
      );
    }
    // Jitter keeps waiters that started together from polling in step.
    await sleep(Math.min(delay * (0.5 + Math.random()), Math.max(deadline - Date.now(), 1)), o.signal);
  }
}
