// Values printed the way `packer console` prints them: strings raw at top level and quoted inside
// structures, lists as `[\n  1,\n]`, maps and objects with sorted quoted keys (null attributes left
// out), numbers as Go's %g unless they are 64-bit integers. A value that is not wholly known prints as
// `<unknown>`, as Packer does.
//
// Packer 1.6.6 hides sensitive values by replacing their text anywhere in its output with
// `<sensitive>`; here a value marked 'sensitive' prints as `<sensitive>` (quoted when nested and a
// string), without touching unrelated text that happens to contain the same characters.

import { Value } from './value.js';
import { formatNumberForDisplay } from './number-format.js';

export { formatNumber, formatNumberForDisplay } from './number-format.js';

const SENSITIVE = '<sensitive>';

/** The text `packer console` shows for a value. */
export function formatValue(v: Value): string {
  if (!v.isWhollyKnown) return '<unknown>';
  return formatPart(v, false, false);
}

function formatPart(v: Value, nested: boolean, hidden: boolean): string {
  const secret = hidden || v.hasMark('sensitive');
  if (v.isNull) return 'null';
  switch (v.type.kind) {
    case 'string': {
      // Packer hides a secret by replacing its text, so an empty secret stays empty.
      const text = secret && v.asString() !== '' ? SENSITIVE : v.asString();
      return nested ? quoteGo(text) : text;
    }
    case 'number':
      return secret ? SENSITIVE : formatNumberForDisplay(v.asNumber());
    case 'bool':
      return secret ? SENSITIVE : String(v.asBool());
    case 'list':
    case 'set':
    case 'tuple':
      return formatSequence(v.elements(), secret);
    default:
      return formatMapping(
        v.entries().filter(([, e]) => !e.isNull),
        secret,
      );
  }
}

function formatSequence(items: readonly Value[], hidden: boolean): string {
  if (items.length === 0) return '[]';
  return `[\n${items.map((e) => `${indent(formatPart(e, true, hidden))},\n`).join('')}]`;
}

function formatMapping(entries: [string, Value][], hidden: boolean): string {
  if (entries.length === 0) return '{}';
  return `{\n${entries.map(([k, e]) => `${indent(`${quoteGo(k)} = ${formatPart(e, true, hidden)}`)}\n`).join('')}}`;
}

function indent(text: string): string {
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines.map((l) => `  ${l.replace(/\r$/, '')}`).join('\n');
}

const NAMED_ESCAPES: Record<string, string> = {
  '\x07': '\\a',
  '\b': '\\b',
  '\f': '\\f',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '\v': '\\v',
  '\\': '\\\\',
  '"': '\\"',
};

const NOT_PRINTABLE = /[\p{C}\p{Z}]/u;

/** A string quoted as Go's strconv.Quote does: printable characters kept, others escaped. */
export function quoteGo(s: string): string {
  let out = '"';
  for (const ch of s) {
    const named = NAMED_ESCAPES[ch];
    if (named) out += named;
    else if (ch === ' ' || !NOT_PRINTABLE.test(ch)) out += ch;
    else out += escapeCodePoint(ch.codePointAt(0)!);
  }
  return `${out}"`;
}

function escapeCodePoint(cp: number): string {
  if (cp >= 0xd800 && cp <= 0xdfff) return '\\ufffd';
  if (cp < 0x80) return `\\x${cp.toString(16).padStart(2, '0')}`;
  if (cp < 0x10000) return `\\u${cp.toString(16).padStart(4, '0')}`;
  return `\\U${cp.toString(16).padStart(8, '0')}`;
}
