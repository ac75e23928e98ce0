// Packer's boot command grammar (packer-plugin-sdk bootcommand/boot_command.pigeon), as a PEG read by hand: at each
// position the first of Wait, CharToggle, Special that matches wins, else the character is typed as it is. So
// `<wait1m30s>` waits, `<leftCtrlOn>` holds Ctrl, `<cOn>` holds c, and anything else in angle brackets that the
// grammar does not know (`<foo>`, `<wait1.5>`) is typed literally, character by character.

import { parseDuration } from '../../functions/go-time.js';
import { formatGoDuration } from '../../ui/duration.js';

export type KeyAction = 'press' | 'on' | 'off';

export type BootExpression =
  | { kind: 'wait'; ms: number }
  /** A named key (`<enter>`), lower-cased as Packer looks it up: `leftctrl`, `pageup`. */
  | { kind: 'special'; key: string; action: KeyAction }
  /** One character, typed (with Shift when Packer would hold it) or held/released by `<cOn>`/`<cOff>`. */
  | { kind: 'char'; char: string; action: KeyAction };

/** The special keys in the grammar's order: the first that is a prefix (ignoring case) is taken. */
export const SPECIAL_KEYS = [
  'bs', 'del', 'enter', 'esc', 'f10', 'f11', 'f12', 'f1', 'f2', 'f3', 'f4', 'f5', 'f6', 'f7', 'f8', 'f9',
  'return', 'tab', 'up', 'down', 'spacebar', 'insert', 'home', 'end', 'pageUp', 'pageDown', 'leftAlt', 'leftCtrl',
  'leftMeta', 'leftShift', 'rightAlt', 'rightCtrl', 'rightMeta', 'rightShift', 'leftSuper', 'rightSuper', 'left',
  'right', 'menu',
] as const;

const TIME_UNITS = ['ns', 'us', 'µs', 'ms', 's', 'm', 'h'];

/** A boot command Packer's parser rejects, with Go's wording of the reason. */
export class BootCommandError extends Error {}

/** Parses a boot command (the `boot_command` strings joined, templates already rendered). Throws BootCommandError. */
export function parseBootCommand(command: string): BootExpression[] {
  const chars = [...command];
  const out: BootExpression[] = [];
  let i = 0;
  while (i < chars.length) {
    const m = chars[i] === '<' ? (matchWait(chars, i + 1) ?? matchToggle(chars, i + 1) ?? matchSpecial(chars, i + 1)) : undefined;
    if (m) {
      out.push(m.expr);
      i = m.end;
    } else {
      out.push({ kind: 'char', char: chars[i]!, action: 'press' });
      i++;
    }
  }
  return out;
}

/**
 * Packer's checks of a parsed boot command, as messages: a wait must not be negative. (Packer 1.6.6 accepts
 * `<wait0>`; the current plugin SDK rejects it too.)
 */
export function bootCommandProblems(seq: readonly BootExpression[]): string[] {
  return seq.flatMap((e) => (e.kind === 'wait' && e.ms < 0 ? [`Expecting a positive wait value. Got -${formatGoDuration(-e.ms)}`] : []));
}

interface Match {
  expr: BootExpression;
  /** The index after the closing `>`. */
  end: number;
}

function startsWithAt(chars: string[], at: number, word: string, ignoreCase: boolean): boolean {
  const got = chars.slice(at, at + word.length).join('');
  return ignoreCase ? got.toLowerCase() === word.toLowerCase() : got === word;
}

/** `On` / `Off` (any case) at `at`: the action and the index after it. */
function matchOnOff(chars: string[], at: number): { action: KeyAction; end: number } | undefined {
  if (startsWithAt(chars, at, 'on', true)) return { action: 'on', end: at + 2 };
  if (startsWithAt(chars, at, 'off', true)) return { action: 'off', end: at + 3 };
  return undefined;
}

/** Integer = '0' / [1-9][0-9]*: the index after it, or -1. */
function matchInteger(chars: string[], at: number): number {
  if (chars[at] === '0') return at + 1;
  if (!/[1-9]/.test(chars[at] ?? '')) return -1;
  let j = at + 1;
  while (/[0-9]/.test(chars[j] ?? '')) j++;
  return j;
}

/** Duration = (Number TimeUnit)+ with Number = '-'? Integer ('.' Digit+)?: the index after it, or -1. */
function matchDuration(chars: string[], at: number): number {
  let j = at;
  let matched = -1;
  for (;;) {
    let k = chars[j] === '-' ? j + 1 : j;
    k = matchInteger(chars, k);
    if (k < 0) return matched;
    if (chars[k] === '.' && /[0-9]/.test(chars[k + 1] ?? '')) {
      k += 2;
      while (/[0-9]/.test(chars[k] ?? '')) k++;
    }
    const unit = TIME_UNITS.find((u) => startsWithAt(chars, k, u, false));
    if (!unit) return matched;
    j = k + [...unit].length;
    matched = j;
  }
}

/** Where the parser was, as pigeon writes it: `line:column (byte offset)`, the column counted in characters from 1. */
function position(chars: string[], at: number): string {
  const before = chars.slice(0, at);
  const lineStart = before.lastIndexOf('\n') + 1;
  const line = before.filter((c) => c === '\n').length + 1;
  return `${line}:${at - lineStart + 1} (${Buffer.byteLength(before.join(''))})`;
}

/** `<wait>`, `<wait10>` (seconds), `<wait1m30s>` (a Go duration); `at` is after the `<`. */
function matchWait(chars: string[], at: number): Match | undefined {
  if (!startsWithAt(chars, at, 'wait', false)) return undefined;
  const from = at + 4;
  let ms = 1000;
  let end = from;
  const d = matchDuration(chars, from);
  if (d > 0) {
    const text = chars.slice(from, d).join('');
    try {
      ms = parseDuration(text) / 1e6;
    } catch (e) {
      throw new BootCommandError(`${position(chars, from)}: rule Duration: ${(e as Error).message}`);
    }
    end = d;
  } else {
    const n = matchInteger(chars, from);
    if (n > 0) {
      ms = Number(chars.slice(from, n).join('')) * 1000;
      end = n;
    }
  }
  if (chars[end] !== '>') return undefined;
  return { expr: { kind: 'wait', ms }, end: end + 1 };
}

/** `<cOn>`, `<cOff>`: any one character held or released. */
function matchToggle(chars: string[], at: number): Match | undefined {
  if (at >= chars.length) return undefined;
  const t = matchOnOff(chars, at + 1);
  if (!t || chars[t.end] !== '>') return undefined;
  return { expr: { kind: 'char', char: chars[at]!, action: t.action }, end: t.end + 1 };
}

/** `<enter>`, `<leftAltOn>`, `<f5Off>`. */
function matchSpecial(chars: string[], at: number): Match | undefined {
  const key = SPECIAL_KEYS.find((k) => startsWithAt(chars, at, k, true));
  if (!key) return undefined;
  let end = at + key.length;
  const t = matchOnOff(chars, end);
  if (t) end = t.end;
  if (chars[end] !== '>') return undefined;
  return { expr: { kind: 'special', key: key.toLowerCase(), action: t?.action ?? 'press' }, end: end + 1 };
}
