// Waiting for events in tests: a test waits for what it needs to have happened (a line printed, a file
// present, a process running, a port open), polling with a generous bound, never for a fixed time.

import { readFileSync } from 'node:fs';
import { connect, createServer } from 'node:net';

export interface WaitOptions {
  /** What is awaited, for the message when it does not happen: "sshd to listen on 127.0.0.1:2222". */
  what: string;
  /** The bound: generous, since a loaded machine is slow (30 s unless given). */
  timeoutMs?: number;
  /** Time between two checks (50 ms unless given). */
  intervalMs?: number;
}

/** Resolves with the first truthy value `check` returns; rejects after the bound, saying what did not happen. */
export async function waitFor<T>(check: () => T | Promise<T>, o: WaitOptions): Promise<NonNullable<T>> {
  const timeoutMs = o.timeoutMs ?? 30_000;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`Waited ${timeoutMs} ms for ${o.what}, in vain`);
    await new Promise((r) => setTimeout(r, o.intervalMs ?? 50));
  }
}

/** Whether a TCP connection to `host:port` opens now (it is closed at once). */
export function canConnect(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const s = connect({ host, port }, () => {
      s.destroy();
      resolve(true);
    });
    s.on('error', () => resolve(false));
  });
}

/** Whether process `pid` is gone (a zombie counts as gone: it runs nothing and holds no port). */
export function processGone(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return true;
  }
  try {
    // /proc/PID/stat: "pid (comm) state ..."; the name may hold spaces and parentheses.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) === 'Z';
  } catch {
    return true;
  }
}

/** A loopback port the system just gave out and nobody listens on (from the ephemeral range). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}
