// Packer's wait for SSH: "Waiting for SSH to become available...", connection attempts until ssh_timeout,
// at most ssh_handshake_attempts failed logins, then "Connected to SSH!".

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

/** Delay before the next attempt: short at first (a machine that is nearly up), then up to 5 s as Packer. */
function backoff(attempt: number): number {
  return Math.min(250 * 2 ** attempt, 5_000);
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
  let handshakeFailures = 0;
  let last: Error | undefined;
  for (let attempt = 0; ; attempt++) {
    if (ctx.signal.aborted) throw new CancelledError();
    const remaining = deadline - Date.now();
    if (remaining <= 0) throw new Error(`Timeout waiting for SSH.${last ? ` Last error: ${last.message}` : ''}`, { cause: last });
    try {
      const conn = await raceAbort(dialSsh(ssh2, s, { env: ctx.env, timeoutMs: Math.min(remaining, 30_000) }), ctx.signal);
      ui?.say('Connected to SSH!');
      return conn;
    } catch (e) {
      if (isCancellation(e) || ctx.signal.aborted) throw new CancelledError();
      if (!(e instanceof DialError)) throw e;
      last = e;
      if (e.stage === 'handshake' && ++handshakeFailures >= s.handshakeAttempts) {
        throw new Error(
          'Packer experienced an authentication error when trying to connect via SSH. This can happen if your username/password are wrong. ' +
            `You may want to double-check your credentials as part of your debugging process. original error: ${e.message} (after ${handshakeFailures} handshake attempts)`,
          { cause: e },
        );
      }
    }
    const delay = Math.min(backoff(attempt), Math.max(0, deadline - Date.now()));
    await sleep(delay, ctx.signal);
  }
}

/** Rejects as soon as `signal` aborts; a connection that opens afterwards is closed. */
function raceAbort(p: Promise<SshConnection>, signal: AbortSignal): Promise<SshConnection> {
  return new Promise((resolve, reject) => {
    const stopListening = whenAborted(signal, () => reject(new CancelledError()));
    p.then(
      (c) => {
        stopListening();
        if (signal.aborted) c.close();
        else resolve(c);
      },
      (e: unknown) => {
        stopListening();
        reject(e);
      },
    );
  });
}
