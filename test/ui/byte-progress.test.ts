import { describe, expect, it } from 'vitest';
import { describeProgress, formatBytes, startByteProgress } from '../../src/ui/byte-progress.js';
import { basicUi, targetedUi } from '../../src/ui/ui.js';

/** A build UI over an output that records what is written, on a terminal or not. */
function uiOn(terminal: boolean) {
  const written: string[] = [];
  const ui = targetedUi(basicUi({ write: (t) => written.push(t), readLine: async () => '', redact: (s) => s, now: () => new Date(), terminal }), 'b', (s) => s);
  return { ui: ui.withSuffix('compress'), written };
}

describe('byte progress', () => {
  it('says bytes done, total, rate and time left', () => {
    expect(describeProgress('Compressing a.img', 512 << 20, 1 << 30, 4000)).toBe('Compressing a.img: 512.0 MiB of 1.0 GiB (50%), 128.0 MiB/s, 4s left');
    expect(formatBytes(512)).toBe('512 B');
  });

  it('adds a plain line every 5 seconds at most when the output is no terminal', () => {
    const { ui, written } = uiOn(false);
    let t = 0;
    const p = startByteProgress(ui, 'Hashing a', 100 << 20, () => t);
    for (let i = 0; i < 100; i++) {
      t += 200; // 20 s in all
      p.add(1 << 20);
    }
    expect(written).toHaveLength(4);
    expect(written[0]).toBe('    b (compress): Hashing a: 25.0 MiB of 100.0 MiB (25%), 5.0 MiB/s, 15s left\n');
  });

  it('redraws one line on a terminal, and the next line replaces it', () => {
    const { ui, written } = uiOn(true);
    let t = 0;
    const p = startByteProgress(ui, 'Hashing a', 10 << 20, () => t);
    for (let i = 0; i < 10; i++) {
      t += 300;
      p.add(1 << 20);
    }
    expect(written).toHaveLength(10);
    expect(written.every((w) => w.startsWith('\r\x1b[K    b (compress): Hashing a: ') && !w.includes('\n'))).toBe(true);
    ui.say('Archive a.tar.gz completed');
    expect(written.slice(-2)).toEqual(['\r\x1b[K', '==> b (compress): Archive a.tar.gz completed\n']);
  });
});
