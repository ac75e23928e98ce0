import { decodeUtf8 } from './decode-utf8.js';

/** How much of a file is looked at, and the share of non-text in it that makes it binary. */
const SAMPLE_BYTES = 64 * 1024;
const NON_TEXT_SHARE = 0.3;

const isOddChar = (c: number) => (c < 0x20 && c !== 9 && c !== 10 && c !== 12 && c !== 13 && c !== 27) || c === 0x7f;

/**
 * Where a binary file shows it is binary: in `text`, the decoded start of the file, the offset `at` of its first
 * NUL byte in the first 64 KiB, or, when most of those bytes are no text (invalid UTF-8, control characters other
 * than tab, newline, carriage return, form feed and escape), of the first such byte. Undefined for text; a text
 * file in another encoding (Latin-1) stays text: its odd bytes are a small share.
 */
export function binaryEvidence(bytes: Uint8Array): { text: string; at: number } | undefined {
  const sample = bytes.subarray(0, SAMPLE_BYTES);
  if (sample.length === 0) return undefined;
  const { text, invalid } = decodeUtf8(sample);
  const nul = text.indexOf('\0');
  if (nul >= 0) return { text, at: nul };
  let odd = invalid.length;
  let first = invalid[0] ?? text.length;
  for (let i = 0; i < text.length; i++) {
    if (!isOddChar(text.charCodeAt(i))) continue;
    odd++;
    first = Math.min(first, i);
  }
  return odd > text.length * NON_TEXT_SHARE ? { text, at: first } : undefined;
}

export function isBinaryContent(bytes: Uint8Array): boolean {
  return binaryEvidence(bytes) !== undefined;
}
