import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { claimLock, writeRecordFile } from '../../../src/util/file-lock/claim.js';
import { createLockRecord, type LockHolder } from '../../../src/util/file-lock/holder.js';
import { withFileLock, type FileLockOptions } from '../../../src/util/file-lock/with-file-lock.js';
import { waitFor } from '../../support/wait.js';
import { startLockHolder } from './holder-process.js';

const signal = new AbortController().signal;
const options = (o: Partial<FileLockOptions> = {}): FileLockOptions => ({ what: 'manifest', timeoutMs: 30_000, staleMs: 30_000, signal, ...o });

function tempFile(): string {
  return join(mkdtempSync(join(tmpdir(), 'file-lock-')), 'm.json');
}

/** The ID of a process that has ended (and was reaped): what a lock left by a killed process records. */
function endedPid(): number {
  return spawnSync(process.execPath, ['-e', '']).pid!;
}

function writeLock(path: string, pid: number, token: string): void {
  writeFileSync(path, JSON.stringify({ pid, host: hostname(), time: new Date().toISOString(), token }));
}

/** A promise with its resolve function, to hold a lock until a test says so. */
function gate(): { open: () => void; opened: Promise<void> } {
  let open!: () => void;
  const opened = new Promise<void>((r) => (open = r));
  return { open, opened };
}

describe('file lock', () => {
  it('takes over the lock of a process killed with SIGKILL while it held it', async () => {
    const file = tempFile();
    const holder = await startLockHolder(file);
    await holder.kill();
    expect(existsSync(`${file}.lock`)).toBe(true);
    const takenOver: string[] = [];
    const result = await withFileLock(file, options({ onTakeOver: (_lock, _h, reason) => takenOver.push(reason) }), async () => 'ran');
    expect(result).toBe('ran');
    expect(takenOver).toEqual([`process ${holder.pid} is no longer running`]);
    expect(readdirSync(join(file, '..'))).toEqual([]);
  });

  it('waits while another holds the lock, and runs once it is released', async () => {
    const file = tempFile();
    const events: string[] = [];
    const first = gate();
    const a = withFileLock(file, options(), async () => {
      events.push('a in');
      await first.opened;
      events.push('a out');
    });
    await waitFor(() => events.includes('a in'), { what: 'the first holder' });
    const b = withFileLock(file, options(), async () => void events.push('b in'));
    // The waiter's record file beside the lock shows that it is waiting.
    await waitFor(() => readdirSync(join(file, '..')).some((f) => /^m\.json\.lock\.[0-9a-f]{16}$/.test(f)), { what: 'the second to wait' });
    first.open();
    await Promise.all([a, b]);
    expect(events).toEqual(['a in', 'a out', 'b in']);
  });

  it('fails once the bound has passed while a live process holds the lock, naming the file, its lock and the holder', async () => {
    const file = tempFile();
    const held = gate();
    const holding = withFileLock(file, options(), () => held.opened);
    await waitFor(() => existsSync(`${file}.lock`), { what: 'the lock' });
    const started = Date.now();
    const error = await withFileLock(file, options({ timeoutMs: 300 }), async () => 'ran').catch((e: Error) => e);
    held.open();
    await holding;
    expect(Date.now() - started).toBeGreaterThanOrEqual(300);
    expect(error).toBeInstanceOf(Error);
    const message = (error as Error).message;
    expect(message).toContain(`Unable to lock the manifest ${file}: its lock file ${file}.lock is held by process ${process.pid} on host ${hostname()}`);
    expect(message).not.toMatch(/\.lock\.[0-9a-f]{16}/);
    expect(readdirSync(join(file, '..'))).toEqual([]);
  });

  it("takes over a lock file without an owner record (Packer's) only once it is older than the stale bound", async () => {
    const file = tempFile();
    writeFileSync(`${file}.lock`, '');
    const fresh = await withFileLock(file, options({ timeoutMs: 100 }), async () => 'ran').catch((e: Error) => e.message);
    expect(fresh).toMatch(/is held by an unknown process \(the lock file records no owner/);
    const old = new Date(Date.now() - 60_000);
    utimesSync(`${file}.lock`, old, old);
    const reasons: string[] = [];
    await withFileLock(file, options({ onTakeOver: (_l, _h, reason) => reasons.push(reason) }), async () => {});
    expect(reasons).toEqual([expect.stringMatching(/^it was not refreshed for 6\d s$/)]);
  });

  it('lets exactly one of many waiters take over the same stale lock', async () => {
    const dead = endedPid();
    for (let round = 0; round < 30; round++) {
      const file = tempFile();
      const lock = `${file}.lock`;
      writeLock(lock, dead, `dead${round}`);
      const claims = await Promise.all(
        Array.from({ length: 12 }, async () => {
          const record = createLockRecord(new Date());
          const recordFile = await writeRecordFile(lock, record);
          const holder = await claimLock(lock, recordFile, record, { staleMs: 30_000 });
          return { record, won: holder === undefined };
        }),
      );
      const winners = claims.filter((c) => c.won);
      expect(winners, `round ${round}`).toHaveLength(1);
      expect(JSON.parse(readFileSync(lock, 'utf8')).token).toBe(winners[0]!.record.token);
      expect(readdirSync(join(file, '..')).filter((f) => f.includes('.break-'))).toEqual([]);
    }
  });

  it('is not blocked by a guard left by a process killed while it took over a stale lock', async () => {
    const file = tempFile();
    const lock = `${file}.lock`;
    const dead = endedPid();
    writeLock(lock, dead, 'dead1');
    writeLock(`${lock}.break-dead1`, dead, 'dead2');
    const reasons: string[] = [];
    expect(await withFileLock(file, options({ onTakeOver: (l, _h, reason) => reasons.push(`${l}: ${reason}`) }), async () => 'ran')).toBe('ran');
    expect(reasons).toEqual([`${lock}.break-dead1: process ${dead} is no longer running`, `${lock}: process ${dead} is no longer running`]);
    expect(readdirSync(join(file, '..'))).toEqual([]);
  });

  it('tells a holder whose lock was taken over, and leaves the lock to its new holder', async () => {
    const file = tempFile();
    const lock = `${file}.lock`;
    const error = await withFileLock(file, options(), async (held) => {
      await held.check();
      writeLock(lock, 4242, 'other');
      await held.check();
    }).catch((e: Error) => e.message);
    expect(error).toBe(`Unable to write the manifest ${file}: its lock file ${lock} was taken over by process 4242 on host ${hostname()} since ${JSON.parse(readFileSync(lock, 'utf8')).time} while this run held it`);
    expect(JSON.parse(readFileSync(lock, 'utf8')).token).toBe('other');
  });

  it('refreshes its lock while it holds it, so that waiters do not judge it stale by age', async () => {
    const file = tempFile();
    const lock = `${file}.lock`;
    await withFileLock(file, options({ staleMs: 200 }), async () => {
      const old = new Date(Date.now() - 60_000);
      utimesSync(lock, old, old);
      await waitFor(() => Date.now() - statSync(lock).mtimeMs < 1000, { what: 'the lock to be refreshed' });
      const waiter = await claimLock(lock, await writeRecordFile(lock, createLockRecord(new Date())), createLockRecord(new Date()), { staleMs: 200 });
      expect((waiter as LockHolder).record?.pid).toBe(process.pid);
    });
  });
});
