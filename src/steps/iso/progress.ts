// Download progress on a terminal: one line redrawn in place (bytes, total, percent); nothing when the output is not
// a terminal, so CI logs keep only Packer's lines.

import type { WriteStream } from 'node:tty';

export type ProgressFn = (received: number, total: number | undefined) => void;

const MiB = 1024 * 1024;

/** A progress function drawing on `out` when it is a TTY (redrawn at most every 100 ms), else undefined. */
export function ttyProgress(out: Pick<WriteStream, 'write' | 'isTTY' | 'columns'>, label: string): (ProgressFn & { done(): void }) | undefined {
  if (!out.isTTY) return undefined;
  let last = 0;
  let drawn = false;
  const draw: ProgressFn = (received, total) => {
    const now = Date.now();
    if (now - last < 100 && received !== total) return;
    last = now;
    const size = total ? `${(received / MiB).toFixed(1)} / ${(total / MiB).toFixed(1)} MiB (${Math.floor((received / total) * 100)}%)` : `${(received / MiB).toFixed(1)} MiB`;
    const width = out.columns || 80;
    const barWidth = Math.max(10, width - label.length - size.length - 6);
    const filled = total ? Math.round((received / total) * barWidth) : 0;
    out.write(`\r${label} [${'='.repeat(filled)}${' '.repeat(barWidth - filled)}] ${size}`.slice(0, width));
    drawn = true;
  };
  return Object.assign(draw, { done: () => void (drawn && out.write('\n')) });
}
