// Packer's layered UI: a basic (or machine-readable) writer at the bottom, wrapped by color, timestamps and a
// build's target prefix. Every line is redacted by the writer, so no wrapper can leak a sensitive value.

import type { BuildUi } from '../plugin/ui.js';
import { colorize, RED } from './colors.js';
import { formatMachineRecord } from './machine.js';

export interface Ui {
  say(msg: string): void;
  message(msg: string): void;
  error(msg: string): void;
  /** A `-machine-readable` record; `category` may be `target,type`. Ignored by the human UI. */
  machine(category: string, ...args: string[]): void;
  /** Prints `query` and resolves with the next input line ('' when input has ended). */
  ask(query: string): Promise<string>;
  /** A status line: redrawn in place on a terminal (the next line replaces it), else a message. */
  progress?(msg: string): void;
  /** Whether `progress` redraws in place. */
  readonly live?: boolean;
}

export interface UiOutput {
  write(text: string): void;
  readLine(): Promise<string>;
  redact: (s: string) => string;
  now: () => Date;
  /** The output is a terminal: status lines are redrawn in place. */
  terminal?: boolean;
}

/** Moves to the start of the line and clears it. */
const CLEAR_LINE = '\r\x1b[K';

export function basicUi(out: UiOutput): Ui {
  let statusShown = false;
  const clearStatus = () => {
    if (statusShown) out.write(CLEAR_LINE);
    statusShown = false;
  };
  const line = (msg: string) => {
    clearStatus();
    out.write(out.redact(msg) + '\n');
  };
  const live = out.terminal === true;
  return {
    say: line,
    message: line,
    error: line,
    machine: () => {},
    ask: async (query) => {
      clearStatus();
      if (query) out.write(out.redact(query) + ' ');
      return out.readLine();
    },
    progress: live
      ? (msg) => {
          // Callers keep the line shorter than a terminal row: a line that wraps cannot be redrawn with `\r`.
          out.write(CLEAR_LINE + out.redact(msg));
          statusShown = true;
        }
      : line,
    live,
  };
}

export function machineReadableUi(out: UiOutput): Ui {
  // Each field is redacted before commas and newlines are escaped: the escaped form of a secret would not be found.
  const machine = (category: string, ...args: string[]) => out.write(formatMachineRecord(out.now(), out.redact(category), args.map(out.redact)));
  return {
    say: (m) => machine('ui', 'say', m),
    message: (m) => machine('ui', 'message', m),
    error: (m) => machine('ui', 'error', m),
    machine,
    ask: async (query) => {
      machine('ui', 'ask', query);
      return out.readLine();
    },
    progress: (m) => machine('ui', 'message', m),
    live: false,
  };
}

export function coloredUi(inner: Ui, color: number): Ui {
  return {
    say: (m) => inner.say(colorize(m, color, true)),
    message: (m) => inner.message(colorize(m, color, false)),
    error: (m) => inner.error(colorize(m, RED, true)),
    machine: (c, ...a) => inner.machine(c, ...a),
    ask: (q) => inner.ask(colorize(q, color, true)),
    progress: inner.progress && ((m) => inner.progress!(colorize(m, color, false))),
    live: inner.live,
  };
}

/** Go's RFC 3339 in local time: `2026-11-22T09:20:31Z` or `...T10:20:31+01:00`. */
export function formatRfc3339(d: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  const off = -d.getTimezoneOffset();
  const zone = off === 0 ? 'Z' : `${off > 0 ? '+' : '-'}${pad(Math.floor(Math.abs(off) / 60))}:${pad(Math.abs(off) % 60)}`;
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}${zone}`;
}

export function timestampedUi(inner: Ui, now: () => Date): Ui {
  const stamp = (m: string) => `${formatRfc3339(now())}: ${m}`;
  return {
    say: (m) => inner.say(stamp(m)),
    message: (m) => inner.message(stamp(m)),
    error: (m) => inner.error(stamp(m)),
    machine: (c, ...a) => inner.machine(c, ...a),
    ask: (q) => inner.ask(q),
    progress: inner.progress && ((m) => inner.progress!(stamp(m))),
    live: inner.live,
  };
}

/** Packer's prefixLines: `==> target: line` (or four spaces for messages) on every line, trailing space trimmed. */
function prefixLines(arrow: boolean, target: string, msg: string): string {
  const head = arrow ? '==>' : '   ';
  return msg
    .split('\n')
    .map((l) => `${head} ${target}: ${l}`)
    .join('\n')
    .trimEnd();
}

export interface TargetedUi extends BuildUi, Ui {}

/** The UI of one build (`==> null.a: ...`) or of one post-processor of it (`==> null.a (manifest): ...`). */
export function targetedUi(inner: Ui, target: string, redact: (s: string) => string): TargetedUi {
  return {
    say: (m) => inner.say(prefixLines(true, target, m)),
    message: (m) => inner.message(prefixLines(false, target, m)),
    error: (m) => inner.error(prefixLines(true, target, m)),
    machine: (c, ...a) => inner.machine(`${target},${c}`, ...a),
    ask: (q) => inner.ask(prefixLines(true, target, q)),
    progress: inner.progress && ((m) => inner.progress!(prefixLines(false, target, m))),
    live: inner.live,
    withSuffix: (suffix) => targetedUi(inner, `${target} (${suffix})`, redact),
    redact,
  };
}
