// Waiting for EC2 states: Packer's settings (aws_polling, AWS_POLL_DELAY_SECONDS, AWS_MAX_ATTEMPTS) and tsbuild's
// default backoff, on a clock the test moves (the sleeps themselves are real but 0-length: delays are recorded).

import { describe, expect, it } from 'vitest';
import { makePoller, pollSettings } from '../../../src/providers/aws/poll.js';

/** A poller whose clock advances by each delay it asks for; the delays are recorded, the sleeps made instant. */
function fakeClock() {
  let now = 0;
  const delays: number[] = [];
  return {
    now: () => now,
    delays,
    sleep: async (ms: number) => {
      delays.push(ms);
      now += ms;
    },
  };
}

describe('poll settings', () => {
  it('takes aws_polling first, then AWS_POLL_DELAY_SECONDS and AWS_MAX_ATTEMPTS, else the backoff', () => {
    expect(pollSettings({ delay_seconds: 5, max_attempts: 3 }, { AWS_POLL_DELAY_SECONDS: '9', AWS_MAX_ATTEMPTS: '9' })).toEqual({ delayMs: 5000, maxAttempts: 3 });
    expect(pollSettings(undefined, { AWS_POLL_DELAY_SECONDS: '2', AWS_MAX_ATTEMPTS: '7' })).toEqual({ delayMs: 2000, maxAttempts: 7 });
    expect(pollSettings(undefined, { AWS_POLL_DELAY_SECONDS: 'x', AWS_MAX_ATTEMPTS: '0' })).toEqual({ delayMs: undefined, maxAttempts: undefined });
    expect(pollSettings(undefined, {})).toEqual({ delayMs: undefined, maxAttempts: undefined });
  });
});

describe('poller', () => {
  it('checks soon, then doubles the delay up to 15 s, and says how long it has waited every 30 s', async () => {
    const clock = fakeClock();
    const progress: number[] = [];
    let checks = 0;
    const value = await makePoller({}, clock.now, clock.sleep).until(
      { what: 'x', defaultTimeoutMs: 600_000, check: async () => (++checks === 10 ? 'done' : undefined), progress: (ms) => progress.push(ms) },
      new AbortController().signal,
    );
    expect(value).toBe('done');
    expect(clock.delays).toEqual([500, 1000, 2000, 4000, 8000, 15_000, 15_000, 15_000, 15_000]);
    expect(progress).toEqual([30_500, 60_500]);
  });

  it('waits a fixed delay and stops after max_attempts with a message naming the wait', async () => {
    const clock = fakeClock();
    const poller = makePoller({ delayMs: 2000, maxAttempts: 3 }, clock.now, clock.sleep);
    await expect(poller.until({ what: 'AMI ami-1 to become available', defaultTimeoutMs: 1, check: async () => undefined }, new AbortController().signal)).rejects.toThrow(
      /^timed out waiting for AMI ami-1 to become available \(3 checks;/,
    );
    expect(clock.delays).toEqual([2000, 2000]);
  });

  it('stops at the default timeout when no attempts are set', async () => {
    const clock = fakeClock();
    const poller = makePoller({}, clock.now, clock.sleep);
    await expect(poller.until({ what: 'w', defaultTimeoutMs: 10_000, check: async () => undefined }, new AbortController().signal)).rejects.toThrow(/\(16 s;/);
  });

  it('passes on an error of a check at once', async () => {
    const clock = fakeClock();
    const poller = makePoller({}, clock.now, clock.sleep);
    await expect(poller.until({ what: 'w', defaultTimeoutMs: 10_000, check: async () => Promise.reject(new Error('instance terminated')) }, new AbortController().signal)).rejects.toThrow('instance terminated');
    expect(clock.delays).toEqual([]);
  });
});
