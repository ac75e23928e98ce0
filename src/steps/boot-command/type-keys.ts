// Types a parsed boot command as Packer's VNC driver does: every key event is followed by the key interval (counted
// from when the event was sent: the time its write takes is part of it, not added to it); `<waitX>` waits;
// cancelling the signal stops at the next event.

import { CancelledError, sleep } from '../../engine/cancel.js';
import { parseDuration } from '../../template/duration.js';
import type { BootExpression } from './parse.js';
import { charKeysym, KEYSYM_LEFT_SHIFT, needsShift, SPECIAL_KEYSYMS } from './keysyms.js';

/** Where key events go: an RFB connection's KeyEvent message. */
export interface KeyEventSink {
  keyEvent(keysym: number, down: boolean): Promise<void>;
}

export interface TypeOptions {
  /** Time after each key event, in milliseconds. */
  intervalMs: number;
  signal: AbortSignal;
}

/** The key interval: `boot_key_interval` when positive, else PACKER_KEY_INTERVAL when a valid duration, else 100 ms. */
export function keyIntervalMs(bootKeyIntervalMs: number | undefined, env: Readonly<Record<string, string | undefined>>): number {
  if (bootKeyIntervalMs !== undefined && bootKeyIntervalMs > 0) return bootKeyIntervalMs;
  const fromEnv = env.PACKER_KEY_INTERVAL === undefined ? undefined : parseDuration(env.PACKER_KEY_INTERVAL);
  return fromEnv ?? 100;
}

export async function typeBootCommand(seq: readonly BootExpression[], sink: KeyEventSink, o: TypeOptions): Promise<void> {
  const event = async (keysym: number, down: boolean) => {
    if (o.signal.aborted) throw new CancelledError();
    const sent = performance.now();
    await sink.keyEvent(keysym, down);
    // The interval is a minimum, as Packer's time.Sleep. Timers count whole milliseconds and may fire a little early
    // by performance.now(): the last fraction is waited out a turn of the event loop at a time, not with another
    // timer (a millisecond or two per event, over hundreds of events).
    const left = () => sent + o.intervalMs - performance.now();
    while (left() >= 1) await sleep(Math.floor(left()), o.signal);
    while (left() > 0) await new Promise((r) => setImmediate(r));
  };
  for (const e of seq) {
    if (e.kind === 'wait') {
      await sleep(e.ms, o.signal);
      continue;
    }
    const keysym = e.kind === 'special' ? SPECIAL_KEYSYMS[e.key] : charKeysym(e.char);
    if (keysym === undefined) throw new Error(`special ${e.kind === 'special' ? e.key : ''} not found.`);
    const shift = e.kind === 'char' && needsShift(e.char);
    if (e.action !== 'off' && shift) await event(KEYSYM_LEFT_SHIFT, true);
    if (e.action !== 'off') await event(keysym, true);
    if (e.action !== 'on') await event(keysym, false);
    if (e.action !== 'on' && shift) await event(KEYSYM_LEFT_SHIFT, false);
  }
}
