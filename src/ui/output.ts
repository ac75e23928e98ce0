import { createInterface, type Interface } from 'node:readline';
import type { UiOutput } from './ui.js';

/**
 * The bottom of the UI: writes to a stream and reads answers from input line by line. The input is opened
 * only on the first question, so a build that asks nothing never holds stdin open.
 */
export function streamOutput(
  out: NodeJS.WritableStream,
  input: NodeJS.ReadableStream,
  redact: (s: string) => string,
  now: () => Date = () => new Date(),
): UiOutput & { close(): void } {
  let rl: Interface | undefined;
  let ended = false;
  // A reader that went away (`tsbuild build ... | head`) must not crash the builds: they still clean up.
  let broken = false;
  out.on('error', () => {
    broken = true;
  });
  const lines: string[] = [];
  const waiting: ((line: string) => void)[] = [];
  const open = () => {
    if (rl || ended) return;
    rl = createInterface({ input, terminal: false });
    rl.on('line', (l) => {
      const w = waiting.shift();
      if (w) w(l);
      else lines.push(l);
    });
    rl.on('close', () => {
      ended = true;
      for (const w of waiting.splice(0)) w('');
    });
  };
  return {
    write: (text) => {
      if (!broken) out.write(text);
    },
    readLine: () => {
      if (lines.length > 0) return Promise.resolve(lines.shift()!);
      open();
      if (ended) return Promise.resolve('');
      return new Promise((resolve) => waiting.push(resolve));
    },
    redact,
    now,
    terminal: (out as { isTTY?: boolean }).isTTY === true,
    close: () => {
      rl?.close();
      rl = undefined;
    },
  };
}
