import type { Pos } from './ast.js';
import { countCodePoints, type Positioner } from './position.js';

export interface DecodedJsonString {
  value: string;
  /** `offsets[i]`: index in the raw text of the value's character i; one more entry for the end. Without
   * escapes, undefined: character i is at i + 1. */
  offsets?: number[];
  /** Index in the raw text of a bad escape or control character, with a message. */
  error?: { at: number; end: number; message: string };
}

const SIMPLE: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };

/** Decodes the JSON string literal `raw` (quotes included). */
export function decodeJsonString(raw: string): DecodedJsonString {
  // Most strings hold no escape: a slice, not a walk of every character (a 20 MB value takes seconds).
  if (!/[\\\x00-\x1f]/.test(raw)) return { value: raw.slice(1, -1) };
  let value = '';
  const offsets: number[] = [];
  let error: DecodedJsonString['error'];
  let i = 1;
  const end = raw.length - 1;
  while (i < end) {
    const c = raw[i]!;
    if (c === '\\') {
      const sel = raw[i + 1] ?? '';
      if (SIMPLE[sel] !== undefined) {
        offsets.push(i);
        value += SIMPLE[sel];
        i += 2;
      } else if (sel === 'u' && /^[0-9a-fA-F]{4}$/.test(raw.slice(i + 2, i + 6))) {
        offsets.push(i);
        value += String.fromCharCode(parseInt(raw.slice(i + 2, i + 6), 16));
        i += 6;
      } else {
        error ??= { at: i, end: Math.min(i + 2, raw.length), message: `The escape sequence "\\${sel}" is not valid in a JSON string.` };
        offsets.push(i);
        value += sel;
        i += 2;
      }
    } else {
      if (c.charCodeAt(0) < 0x20) error ??= { at: i, end: i + 1, message: 'Control characters must be escaped in JSON strings.' };
      offsets.push(i);
      value += c;
      i++;
    }
  }
  offsets.push(Math.min(i, end));
  return { value, offsets, error };
}

/**
 * Positions for a decoded JSON string: `start` is the position of the opening quote. JSON strings
 * hold no raw newline, so everything is on the quote's line.
 */
export function jsonStringPositioner(filename: string, start: Pos, raw: string, offsets: readonly number[] | undefined): Positioner {
  const last = offsets ? offsets.length - 1 : raw.length - 2;
  const pos = (offset: number): Pos => {
    const at = Math.max(0, Math.min(offset, last));
    const rawIdx = offsets ? offsets[at]! : at + 1;
    return { line: start.line, column: start.column + countCodePoints(raw, 0, rawIdx), offset: start.offset + rawIdx };
  };
  return { filename, pos, range: (a, b) => ({ filename, start: pos(a), end: pos(b) }) };
}
