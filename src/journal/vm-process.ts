// A virtual machine's process (QEMU) in the journal: its pid with the time it started (field 22 of
// /proc/<pid>/stat, in clock ticks since boot), so that `tsbuild cleanup` stops that process and never another that
// got the pid later, and the host it runs on. A builder records it right after the spawn returns, before anything
// awaits: the only window a kill can leave unrecorded is the spawn itself.

import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { sleep } from '../engine/cancel.js';
import type { CleanOutcome } from './clean.js';
import type { Journal, ResourceRecord } from './journal.js';

/** When process `pid` started (clock ticks since boot), or undefined when there is no such process. */
export function processStartTime(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // "pid (comm) state ppid ...": the name may hold spaces and parentheses; field 22 is the start time.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return fields[0] === 'Z' ? undefined : fields[19];
  } catch {
    return undefined;
  }
}

/** Writes down the running process `pid`; returns the record's id (forget it once the process has exited). */
export function recordVmProcess(journal: Journal, build: string, description: string, pid: number): string {
  return journal.record('vm-process', build, description, { pid: String(pid), started: processStartTime(pid) ?? '', host: hostname() });
}

/** Stops a recorded VM process: SIGTERM, then SIGKILL if it is still there after `graceMs`. */
export async function stopVmProcess(r: ResourceRecord, graceMs = 10_000): Promise<CleanOutcome> {
  if (r.data.host && r.data.host !== hostname()) throw new Error(`process ${r.data.pid} runs on host ${r.data.host}: stop it there`);
  const pid = Number(r.data.pid);
  const same = () => r.data.started !== '' && processStartTime(pid) === r.data.started;
  if (!same()) return 'gone';
  process.kill(pid, 'SIGTERM');
  const never = new AbortController().signal;
  for (let waited = 0; waited < graceMs; waited += 50) {
    if (!same()) return 'removed';
    await sleep(50, never);
  }
  if (same()) process.kill(pid, 'SIGKILL');
  return 'removed';
}
