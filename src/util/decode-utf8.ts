import { isUtf8 } from 'node:buffer';

export interface DecodedText {
  /** The text, with U+FFFD for each byte that is not part of a valid UTF-8 sequence. */
  text: string;
  /** Offsets (UTF-16 code units) in `text` of the U+FFFD that stand for invalid bytes, ascending. */
  invalid: number[];
}

/** The length of the valid UTF-8 sequence at `i`, or 0 (the ranges of the Unicode standard's table 3-7). */
function sequenceLength(bytes: Uint8Array, i: number): number {
  const b = bytes[i]!;
  const cont = (j: number, lo = 0x80, hi = 0xbf) => i + j < bytes.length && bytes[i + j]! >= lo && bytes[i + j]! <= hi;
  if (b < 0x80) return 1;
  if (b >= 0xc2 && b <= 0xdf) return cont(1) ? 2 : 0;
  if (b >= 0xe0 && b <= 0xef) {
    const lo = b === 0xe0 ? 0xa0 : 0x80;
    const hi = b === 0xed ? 0x9f : 0xbf;
    return cont(1, lo, hi) && cont(2) ? 3 : 0;
  }
  if (b >= 0xf0 && b <= 0xf4) {
    const lo = b === 0xf0 ? 0x90 : 0x80;
    const hi = b === 0xf4 ? 0x8f : 0xbf;
    return cont(1, lo, hi) && cont(2) && cont(3) ? 4 : 0;
  }
  return 0;
}

/**
 * Decodes UTF-8, remembering where invalid bytes were: a U+FFFD in the file itself is valid text, one that
 * replaces a broken byte is an encoding error the caller may report at its position.
 */
export function decodeUtf8(bytes: Uint8Array): DecodedText {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (isUtf8(buf)) return { text: buf.toString('utf8'), invalid: [] };
  const parts: string[] = [];
  const invalid: number[] = [];
  let length = 0;
  let runStart = 0;
  let i = 0;
  while (i < buf.length) {
    const n = sequenceLength(buf, i);
    if (n > 0) {
      i += n;
      continue;
    }
    const run = buf.toString('utf8', runStart, i);
    parts.push(run, '\ufffd');
    length += run.length;
    invalid.push(length);
    length += 1;
    i += 1;
    runStart = i;
  }
  parts.push(buf.toString('utf8', runStart));
  return { text: parts.join(''), invalid };
}
