// One attempt to take a lock file, taking over a stale one.
//
// A lock file is created complete: its record is written to a file of its own, then hard-linked to the lock's name,
// which fails when the lock exists. A stale lock is replaced by renaming a record over it, and only by the process
// that created the guard file named after that very lock (`<lock>.break-<id>`, exclusive as the lock is): two waiters
// that find the same stale lock cannot both replace it, and one that finds it only after it was replaced sees,
// under the guard, that it changed. The guard is held for a few system calls; a process killed while holding it
// leaves a guard that is itself stale and is taken over the same way.

import { link, rename, rm, writeFile } from 'node:fs/promises';
import { readLockHolder, type LockHolder, type LockRecord } from './holder.js';
import { staleReason } from './stale.js';

export interface ClaimOptions {
  /** How long a lock may go without a refresh before it is stale. */
  staleMs: number;
  /** Told when a stale lock is taken over, and why it was stale. */
  onTakeOver?: (lock: string, previous: LockHolder, reason: string) => void;
}

/** Writes `record` to a file of its own beside `lock` (the name a claim links or renames into place). */
export async function writeRecordFile(lock: string, record: LockRecord): Promise<string> {
  const file = `${lock}.${record.token}`;
  await writeFile(file, JSON.stringify(record), { flag: 'wx', mode: 0o644 });
  return file;
}

/**
 * Tries once to make `lock` hold `record` (already written to `recordFile`, which the attempt may consume).
 * Resolves with undefined when it does, else with the live holder.
 */
export async function claimLock(lock: string, recordFile: string, record: LockRecord, o: ClaimOptions): Promise<LockHolder | undefined> {
  for (;;) {
    try {
      await link(recordFile, lock);
      return undefined;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
    const holder = await readLockHolder(lock);
    if (!holder) continue; // released in between
    const reason = staleReason(holder, o.staleMs, Date.now());
    if (!reason) return holder;
    const taken = await takeOver(lock, holder, recordFile, record, o);
    if (taken === 'taken') {
      o.onTakeOver?.(lock, holder, reason);
      return undefined;
    }
    if (taken === 'busy') return holder;
  }
}

/** Replaces the stale `holder` of `lock` while holding its guard: 'taken', 'busy' (another waiter does it) or 'changed'. */
async function takeOver(lock: string, holder: LockHolder, recordFile: string, record: LockRecord, o: ClaimOptions): Promise<'taken' | 'busy' | 'changed'> {
  const guard = `${lock}.break-${holder.id}`;
  const guardRecord = { ...record, token: `${record.token}g` };
  const guardFile = await writeRecordFile(guard, guardRecord);
  try {
    if (await claimLock(guard, guardFile, guardRecord, o)) return 'busy';
    try {
      const now = await readLockHolder(lock);
      if (!now || now.id !== holder.id || now.ino !== holder.ino || !staleReason(now, o.staleMs, Date.now())) return 'changed';
      await rename(recordFile, lock);
      return 'taken';
    } finally {
      await releaseLock(guard, guardRecord.token);
    }
  } finally {
    await rm(guardFile, { force: true });
  }
}

/** Removes `lock` if it still holds the record with `token` (a lock taken over meanwhile is left to its new holder). */
export async function releaseLock(lock: string, token: string): Promise<void> {
  const h = await readLockHolder(lock);
  if (h?.record?.token === token) await rm(lock, { force: true });
}
