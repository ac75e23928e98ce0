// A lock file's content and what can be told about the process that holds it.

import { randomBytes } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { hostname } from 'node:os';

/** What a lock file records: enough to tell whether its holder still runs, and to tell holders apart. */
export interface LockRecord {
  pid: number;
  host: string;
  /** When it was taken (ISO 8601). */
  time: string;
  /** Unique to one taking of the lock. */
  token: string;
}

/** A lock file as found: its record when it has one (Packer's lock files are empty), its inode and its last refresh. */
export interface LockHolder {
  record?: LockRecord;
  ino: number;
  mtimeMs: number;
  /** Tells one taking of the lock from another, even for files without a record. */
  id: string;
}

export function createLockRecord(now: Date): LockRecord {
  return { pid: process.pid, host: hostname(), time: now.toISOString(), token: randomBytes(8).toString('hex') };
}

function parseRecord(text: string): LockRecord | undefined {
  try {
    const r = JSON.parse(text) as Partial<LockRecord>;
    if (typeof r.pid === 'number' && typeof r.host === 'string' && typeof r.time === 'string' && typeof r.token === 'string') {
      return { pid: r.pid, host: r.host, time: r.time, token: r.token };
    }
  } catch {
    // not ours: judged by its age only
  }
  return undefined;
}

/** The holder of the lock file `path`, or undefined when there is none. */
export async function readLockHolder(path: string): Promise<LockHolder | undefined> {
  try {
    const [text, st] = await Promise.all([readFile(path, 'utf8'), stat(path)]);
    const record = parseRecord(text);
    return { record, ino: st.ino, mtimeMs: st.mtimeMs, id: record ? `${record.token}` : `i${st.ino}t${Math.floor(st.mtimeMs)}` };
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
}

/** "process 1234 on host ci-7 since 2025-01-02T03:04:05.000Z", for messages. */
export function describeHolder(h: LockHolder): string {
  if (!h.record) return `an unknown process (the lock file records no owner; Packer's lock files are empty), last changed ${new Date(h.mtimeMs).toISOString()}`;
  return `process ${h.record.pid} on host ${h.record.host} since ${h.record.time}`;
}
