// Packer's wait for SSH: "Waiting for SSH to become available...", connection attempts until ssh_timeout,
// at most ssh_handshake_attempts refused logins, then "Connected to SSH!".
//
// Unlike Packer (an attempt every 5 s), an attempt follows the last failed one after a short backoff (up to 0.5 s;
// up to 5 s after a refused login, giving a machine time to install its key), and an attempt whose server has said
// nothing within SILENT_MS is raced by a fresh one: an SSH server speaks first, and a port that accepts but stays
// silent is a forwarder answering for a machine not yet listening (QEMU's user network accepts on the guest's behalf
// and retries its own SYNs with a backoff of its own). The silent attempt stays, in case the server is just slow.

import { CancelledError, isCancellation, sleep, whenAborted } from '../../engine/cancel.js';
import type { BuildUi } from '../../plugin/ui.js';
import { formatGoDuration } from '../../ui/duration.js';
import type { SshSettings } from './config.js';
import { DialError, dialSsh, type SshConnection } from './dial.js';

import type { Ssh2 } from './load.js';

export interface WaitContext {
  ui?: BuildUi;
  signal: AbortSignal;
  env: Readonly<Record<string, string | undefined>>;
}

/** How long a connected attempt may hear nothing before a fresh one races it. */
const SILENT_MS = 1_000;
/** Attempts running at once; beyond that the oldest silent one is dropped. */
const MAX_ATTEMPTS = 4;

/**
 * Delay before the next attempt once none runs: 250 ms, then 500 ms (a refused connection costs the server nothing);
 * after a refused login up to 5 s, as a machine may still be installing its key.
 */
function backoff(failures: number, refusedLogin: boolean): number {
  return Math.min(250 * 2 ** failures, refusedLogin ? 5_000 : 500);
}

interface Attempt {
  readonly startedAt: number;
  readonly outcome: Promise<{ attempt: Attempt; conn?: SshConnection; error?: unknown }>;
  /** Whether the server has sent anything yet. */
  heard(): boolean;
  /** Drops the attempt; a connection it still makes is closed. */
  drop(): void;
}

function startAttempt(ssh2: Ssh2, s: SshSettings, env: WaitContext['env'], timeoutMs: number): Attempt {
  let sock: { readonly bytesRead: number; destroy(error: Error): void } | undefined;
  let dropped = false;
  const attempt: Attempt = {
    startedAt: Date.now(),
    heard: () => (sock?.bytesRead ?? 0) > 0,
    drop: () => {
      dropped = true;
      sock?.destroy(new Error('attempt dropped'));
    },
    outcome: dialSsh(ssh2, s, {
      env,
      timeoutMs,
      onSocket: (x) => {
        sock = x;
        if (dropped) x.destroy(new Error('attempt dropped'));
      },
    }).then(
      (conn) => {
        if (dropped) conn.close();
        return { attempt, conn: dropped ? undefined : conn };
      },
      (error: unknown) => ({ attempt, error }),
    ),
  };
  return attempt;
}

/** Connects, retrying as Packer does; `quiet` skips the progress lines (reconnections). */
export async function waitForSsh(ssh2: Ssh2, s: SshSettings, ctx: WaitContext, quiet = false): Promise<SshConnection> {
  const ui = quiet ? undefined : ctx.ui;
  if (s.pauseBeforeConnectingMs > 0) {
    ui?.say(`Pausing ${formatGoDuration(s.pauseBeforeConnectingMs)} before connecting...`);
    await sleep(s.pauseBeforeConnectingMs, ctx.signal);
  }
  ui?.say('Waiting for SSH to become available...');
  const deadline = Date.now() + s.timeoutMs;
  const running: Attempt[] = [];
  let refusedLogins = 0;
  let failures = 0;
  let last: DialError | undefined;
  let stopListening = () => {};
  const aborted = new Promise<undefined>((resolve) => (stopListening = whenAborted(ctx.signal, () => resolve(undefined))));
  try {
    for (;;) {
      if (ctx.signal.aborted) throw new CancelledError();
      const remaining = deadline - Date.now();
      if (remaining <= 0) throw new Error(`Timeout waiting for SSH.${last ? ` Last error: ${last.message}` : ''}`, { cause: last });
      const newest = running.at(-1);
      if (!newest || (!newest.heard() && Date.now() - newest.startedAt >= SILENT_MS)) {
        if (running.length >= MAX_ATTEMPTS) {
          const silent = running.findIndex((a) => !a.heard());
          if (silent >= 0) running.splice(silent, 1)[0]!.drop();
        }
        if (running.length < MAX_ATTEMPTS) running.push(startAttempt(ssh2, s, ctx.env, Math.min(remaining, 30_000)));
      }
      const wake = new AbortController();
      const next = await Promise.race([...running.map((a) => a.outcome), aborted, sleep(Math.min(SILENT_MS, remaining), wake.signal).then(() => undefined, () => undefined)]);
      wake.abort();
      if (!next) continue;
      running.splice(running.indexOf(next.attempt), 1);
      if (next.conn) {
        ui?.say('Connected to SSH!');
        return next.conn;
      }
      const e = next.error;
      if (isCancellation(e) || ctx.signal.aborted) throw new CancelledError();
      if (!(e instanceof DialError)) throw e;
      last = e;
      if (e.auth && ++refusedLogins >= s.handshakeAttempts) {
        throw new Error(
          'Packer experienced an authentication error when trying to connect via SSH. This can happen if your username/password are wrong. ' +
            `You may want to double-check your credentials as part of your debugging process. original error: ${e.message} (after ${refusedLogins} handshake attempts)`,
          { cause: e },
        );
      }
      if (running.length === 0) await sleep(Math.min(backoff(failures++, e.auth), Math.max(0, deadline - Date.now())), ctx.signal);
    }
  } finally {
    stopListening();
    for (const a of running) a.drop();
  }
}
