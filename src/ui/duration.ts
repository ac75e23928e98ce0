// Durations printed the way Packer prints them: `durafmt` (LimitFirstN(2)) for build times, Go's
// time.Duration.String for configured durations.

const UNITS: [string, string][] = [
  ['year', 'years'],
  ['week', 'weeks'],
  ['day', 'days'],
  ['hour', 'hours'],
  ['minute', 'minutes'],
  ['second', 'seconds'],
  ['millisecond', 'milliseconds'],
  ['microsecond', 'microseconds'],
];

/** "6 milliseconds 248 microseconds", "1 minute 3 seconds": the first two non-zero units of a duration in nanoseconds. */
export function formatElapsed(ns: bigint, limit = 2): string {
  const us = ns / 1000n;
  const ms = us / 1000n;
  const s = ms / 1000n;
  const days = s / 86400n;
  const parts = [days / 365n, (days / 7n) % 52n, (days % 365n) % 7n, (s / 3600n) % 24n, (s / 60n) % 60n, s % 60n, ms % 1000n, us % 1000n];
  const out: string[] = [];
  parts.forEach((n, i) => {
    if (n > 0n && out.length < limit) out.push(`${n} ${n === 1n ? UNITS[i]![0] : UNITS[i]![1]}`);
  });
  return out.join(' ');
}

/** Go's time.Duration.String for a duration in milliseconds: "5s", "1m30s", "1h0m0s", "250ms". */
export function formatGoDuration(ms: number): string {
  if (ms === 0) return '0s';
  if (ms < 1000) return `${ms}ms`;
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor((ms % 3_600_000) / 60_000);
  const secMs = ms % 60_000;
  const sec = secMs % 1000 === 0 ? String(secMs / 1000) : (secMs / 1000).toFixed(3).replace(/0+$/, '');
  if (h > 0) return `${h}h${m}m${sec}s`;
  if (m > 0) return `${m}m${sec}s`;
  return `${sec}s`;
}
