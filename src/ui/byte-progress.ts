// Progress of long work over bytes (compressing, hashing): "12.0 MiB of 1.0 GiB (1%), 85.3 MiB/s, 12s left".

import type { BuildUi } from '../plugin/ui.js';

/** How often the line is redrawn on a terminal, and how often a line is added elsewhere (CI logs). */
const LIVE_EVERY_MS = 250;
const PLAIN_EVERY_MS = 5_000;

export interface ByteProgress {
  /** Counts `n` more bytes done. */
  add(n: number): void;
}

const UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];

/** "512 B", "1.5 MiB". */
export function formatBytes(n: number): string {
  let i = 0;
  while (n >= 1024 && i < UNITS.length - 1) {
    n /= 1024;
    i++;
  }
  return i === 0 ? `${n} B` : `${n.toFixed(1)} ${UNITS[i]}`;
}

/** "42s", "3m05s", "1h02m". */
export function formatSeconds(s: number): string {
  const t = Math.max(0, Math.round(s));
  const pad = (x: number) => String(x).padStart(2, '0');
  if (t < 60) return `${t}s`;
  if (t < 3600) return `${Math.floor(t / 60)}m${pad(t % 60)}s`;
  return `${Math.floor(t / 3600)}h${pad(Math.floor(t / 60) % 60)}m`;
}

/** The status line for `done` of `total` bytes after `elapsedMs`. */
export function describeProgress(label: string, done: number, total: number, elapsedMs: number): string {
  const rate = elapsedMs > 0 ? (done / elapsedMs) * 1000 : 0;
  const pct = total > 0 ? Math.floor((done / total) * 100) : 100;
  const left = rate > 0 ? `, ${formatSeconds((total - done) / rate)} left` : '';
  return `${label}: ${formatBytes(done)} of ${formatBytes(total)} (${pct}%), ${formatBytes(rate)}/s${left}`;
}

/**
 * Reports progress on `ui` while bytes are counted: redrawn a few times a second on a terminal, else a line every
 * few seconds at most (nothing for work shorter than that). `now` is the clock in milliseconds.
 */
export function startByteProgress(ui: BuildUi, label: string, total: number, now: () => number = () => performance.now()): ByteProgress {
  const start = now();
  const every = ui.live ? LIVE_EVERY_MS : PLAIN_EVERY_MS;
  let done = 0;
  let last = start;
  return {
    add: (n) => {
      done += n;
      const t = now();
      if (!ui.progress || t - last < every) return;
      last = t;
      ui.progress(describeProgress(label, done, total, t - start));
    },
  };
}
