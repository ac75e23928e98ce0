import { boundedSink, type Diagnostic } from '../diag/diagnostic.js';
import type { Positioner } from './position.js';

/**
 * Decodes the literal text of a template token. Quoted templates resolve backslash escapes
 * (`\n \r \t \" \\ \uNNNN \UNNNNNNNN`); every template turns `$${` and `%%{` into `${` and `%{`.
 * `start` is the offset of `raw` in the scanned text, for diagnostics.
 */
export function decodeTemplateLiteral(
  raw: string,
  start: number,
  quoted: boolean,
  positioner: Positioner,
  diags: Diagnostic[],
): string {
  if (!raw.includes('\\') && !raw.includes('{')) return raw;
  // A literal of a million bad escapes is reported by its first hundred.
  const sink = boundedSink(diags, 100);
  let out = '';
  let i = 0;
  while (i < raw.length) {
    const c = raw[i]!;
    if ((c === '$' || c === '%') && raw[i + 1] === c && raw[i + 2] === '{') {
      out += c + '{';
      i += 3;
    } else if (c === '\\' && quoted) {
      i = decodeEscape(raw, i, start, positioner, sink.add, (s) => (out += s));
    } else {
      out += c;
      i++;
    }
  }
  sink.close();
  return out;
}

function decodeEscape(
  raw: string,
  i: number,
  start: number,
  positioner: Positioner,
  report: (make: () => Diagnostic) => void,
  write: (s: string) => void,
): number {
  const fail = (detail: string, end: number): void => {
    report(() => ({ severity: 'error', summary: 'Invalid escape sequence', detail, range: positioner.range(start + i, start + end) }));
  };
  const sel = raw[i + 1];
  if (sel === undefined) {
    fail('Backslash must be followed by an escape sequence selector character.', i + 1);
    return i + 1;
  }
  const simple: Record<string, string> = { n: '\n', r: '\r', t: '\t', '"': '"', '\\': '\\' };
  if (simple[sel] !== undefined) {
    write(simple[sel]!);
    return i + 2;
  }
  if (sel === 'u' || sel === 'U') {
    const want = sel === 'u' ? 4 : 8;
    let j = i + 2;
    while (j < raw.length && j - i - 2 < want && /[0-9a-fA-F]/.test(raw[j]!)) j++;
    if (j - i - 2 !== want) {
      fail(`The \\${sel} escape sequence must be followed by ${sel === 'u' ? 'four' : 'eight'} hexadecimal digits.`, j);
      return j;
    }
    const code = parseInt(raw.slice(i + 2, j), 16);
    if (code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) {
      fail(`Cannot encode character U+${code.toString(16).padStart(4, '0')} in UTF-8.`, j);
      return j;
    }
    write(String.fromCodePoint(code));
    return j;
  }
  const len = raw.codePointAt(i + 1)! > 0xffff ? 2 : 1;
  fail(`The symbol "${raw.slice(i + 1, i + 1 + len)}" is not a valid escape sequence selector.`, i + 1 + len);
  write(raw.slice(i + 1, i + 1 + len));
  return i + 1 + len;
}
