import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import type { LockHolder } from './holder.js';

/** Whether process `pid` of this host runs (a zombie does not: it has ended and holds nothing). */
export function processRuns(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (e) {
    // EPERM: it runs, as another user
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
  try {
    // /proc/PID/stat: "pid (comm) state ..."; the name may hold spaces and parentheses.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat[stat.lastIndexOf(')') + 2] !== 'Z';
  } catch {
    return true;
  }
}

/**
 * Why the lock `h` is stale, or undefined while its holder may still use it: its owner was a process of this host
 * that no longer runs, or it was not refreshed for `staleMs` (an owner on another host, an empty lock file, or a
 * process ID reused by another program). A holder refreshes its lock well within `staleMs`.
 */
export function staleReason(h: LockHolder, staleMs: number, nowMs: number): string | undefined {
  const r = h.record;
  if (r && r.host === hostname() && !processRuns(r.pid)) return `process ${r.pid} is no longer running`;
  const age = nowMs - h.mtimeMs;
  if (age > staleMs) return `it was not refreshed for ${Math.round(age / 1000)} s`;
  return undefined;
}
