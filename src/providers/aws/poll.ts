// Waiting for EC2 state changes. Packer waits with the SDK's waiters: a fixed delay (15 s for most) unless
// aws_polling or AWS_POLL_DELAY_SECONDS / AWS_MAX_ATTEMPTS say otherwise. Left to its default, tsbuild checks
// soon and then less and less often (0.5 s, doubling up to 15 s), so a state that changes in seconds is seen in
// seconds, and an hour-long wait costs no more calls than Packer's. A long wait says so now and then.

import { sleep } from '../../engine/cancel.js';

type Env = Readonly<Record<string, string | undefined>>;

export interface PollSettings {
  /** Fixed delay between checks; undefined: the backoff. */
  delayMs?: number;
  /** Checks before giving up; undefined: until `defaultTimeoutMs` of the wait. */
  maxAttempts?: number;
}

export interface WaitSpec<T> {
  /** What is waited for, for messages: `instance i-0123 to become running`. */
  what: string;
  /** One check: a value when done, undefined to check again. Throws when the state can no longer come. */
  check: () => Promise<T | undefined>;
  /** How long the default polling waits at most. */
  defaultTimeoutMs: number;
  /** Said every `progressEveryMs` of waiting, with the time waited so far. */
  progress?: (waitedMs: number) => void;
}

export interface Poller {
  until<T>(spec: WaitSpec<T>, signal: AbortSignal): Promise<T>;
}

const FIRST_DELAY_MS = 500;
const MAX_DELAY_MS = 15_000;
const PROGRESS_EVERY_MS = 30_000;

function positiveInt(text: string | undefined): number | undefined {
  const n = Number(text);
  return text && Number.isInteger(n) && n > 0 ? n : undefined;
}

/** The polling a run uses: aws_polling first, then the environment variables, as Packer reads them. */
export function pollSettings(polling: { delay_seconds?: number; max_attempts?: number } | undefined, env: Env): PollSettings {
  const delay = polling?.delay_seconds ?? positiveInt(env.AWS_POLL_DELAY_SECONDS);
  const attempts = polling?.max_attempts ?? positiveInt(env.AWS_MAX_ATTEMPTS);
  return { delayMs: delay !== undefined ? delay * 1000 : undefined, maxAttempts: attempts };
}

/** `now` and `pause` are the clock and the sleep (a test's own); by default the real ones, the sleep cancellable. */
export function makePoller(settings: PollSettings, now: () => number = Date.now, pause: (ms: number, signal: AbortSignal) => Promise<void> = sleep): Poller {
  return {
    async until<T>(spec: WaitSpec<T>, signal: AbortSignal): Promise<T> {
      const start = now();
      let delay = settings.delayMs ?? FIRST_DELAY_MS;
      let nextProgress = PROGRESS_EVERY_MS;
      for (let attempt = 1; ; attempt++) {
        const value = await spec.check();
        if (value !== undefined) return value;
        const waited = now() - start;
        if (settings.maxAttempts !== undefined ? attempt >= settings.maxAttempts : waited >= spec.defaultTimeoutMs) {
          const how = settings.maxAttempts !== undefined ? `${attempt} checks` : `${Math.round(waited / 1000)} s`;
          throw new Error(`timed out waiting for ${spec.what} (${how}; aws_polling or AWS_POLL_DELAY_SECONDS and AWS_MAX_ATTEMPTS wait longer)`);
        }
        if (spec.progress && waited >= nextProgress) {
          spec.progress(waited);
          nextProgress += PROGRESS_EVERY_MS;
        }
        await pause(delay, signal);
        if (settings.delayMs === undefined) delay = Math.min(delay * 2, MAX_DELAY_MS);
      }
    },
  };
}
