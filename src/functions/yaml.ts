// YAML for yamlencode/yamldecode, following go-cty-yaml: decoding resolves plain scalars with YAML 1.1's
// booleans and nulls but cty's number syntax; encoding writes keys and strings double-quoted, multi-line
// strings as literal blocks, and folds long quoted strings at 80 columns as libyaml's emitter does.

import type { Document, Node } from 'yaml';
import { lazyRequire } from '../util/lazy-require.js';
import { parseNumber, formatNumber } from '../value/number-format.js';
import { T, Value } from '../value/value.js';
import { FunctionError } from './types.js';

const yaml = lazyRequire<typeof import('yaml')>('yaml');

const TRUE = new Set(['y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON']);
const FALSE = new Set(['n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF']);
const NULL = new Set(['', '~', 'null', 'Null', 'NULL']);
const TAG = 'tag:yaml.org,2002:';

const TIMESTAMP = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[Tt ]+(\d{1,2}):(\d{1,2}):(\d{1,2})(\.\d+)?\s*(Z|[+-]\d{1,2}(?::?\d{2})?)?)?$/;

function timestampText(src: string): string | undefined {
  const m = TIMESTAMP.exec(src);
  if (!m) return undefined;
  const p2 = (s: string | undefined) => (s ?? '0').padStart(2, '0');
  const date = `${m[1]}-${p2(m[2])}-${p2(m[3])}`;
  const time = `${p2(m[4])}:${p2(m[5])}:${p2(m[6])}`;
  let zone = m[8] ?? 'Z';
  if (zone !== 'Z') {
    const z = /^([+-])(\d{1,2}):?(\d{2})?$/.exec(zone)!;
    zone = z[2] === '0' && !z[3] ? 'Z' : `${z[1]}${z[2]!.padStart(2, '0')}:${z[3] ?? '00'}`;
    if (zone === '+00:00' || zone === '-00:00') zone = 'Z';
  }
  return `${date}T${time}${zone}`;
}

function resolvePlain(src: string, tag: string | undefined): Value {
  const t = tag?.startsWith(TAG) ? tag.slice(TAG.length) : tag;
  if (t === 'str') return Value.string(src);
  if (t === undefined || t === 'null') if (NULL.has(src)) return Value.null(T.dynamic);
  if (t === undefined || t === 'bool') {
    if (TRUE.has(src)) return Value.bool(true);
    if (FALSE.has(src)) return Value.bool(false);
  }
  if (t === undefined || t === 'float' || t === 'int') {
    const special = /^([+-]?)\.(inf|Inf|INF)$/.exec(src);
    if (special) return Value.number(special[1] === '-' ? -Infinity : Infinity);
    const plain = src.replaceAll('_', '');
    const n = parseNumber(plain);
    if (n !== undefined) return Value.number(n);
    const bin = /^([+-]?)0b([01]+)$/.exec(plain);
    if (bin) return Value.number((bin[1] === '-' ? -1 : 1) * parseInt(bin[2]!, 2));
  }
  if (t === undefined || t === 'timestamp') {
    const ts = timestampText(src);
    if (ts) return Value.string(ts);
  }
  if (t === 'binary') return Value.string(Buffer.from(src.replace(/\s/g, ''), 'base64').toString('utf8'));
  if (t !== undefined && t !== 'str') throw new FunctionError(`cannot decode ${JSON.stringify(src)} as ${t}`);
  return Value.string(src);
}

function toValue(node: Node | null, doc: Document, depth = 0): Value {
  if (depth > 1000) throw new FunctionError('excessive aliasing');
  if (node === null) return Value.null(T.dynamic);
  if (yaml().isAlias(node)) {
    const target = node.resolve(doc);
    if (!target) throw new FunctionError(`reference to undefined anchor ${JSON.stringify(node.source)}`);
    return toValue(target as Node, doc, depth + 1);
  }
  if (yaml().isScalar(node)) {
    const src = String(node.value ?? '');
    return node.type === 'PLAIN' ? resolvePlain(src, node.tag) : Value.string(src);
  }
  if (yaml().isMap(node)) {
    const out = new Map<string, Value>();
    for (const pair of node.items) {
      const key = toValue(pair.key as Node | null, doc, depth + 1);
      const name = key.isNull ? 'null' : key.type.kind === 'number' ? formatNumber(key.asNumber()) : String(key.raw);
      out.set(name, toValue(pair.value as Node | null, doc, depth + 1));
    }
    return Value.object(out);
  }
  if (yaml().isSeq(node)) return Value.tuple(node.items.map((i) => toValue(i as Node | null, doc, depth + 1)));
  throw new FunctionError('unsupported YAML node');
}

export function decodeYAML(src: string): Value {
  const docs = yaml().parseAllDocuments(src, { schema: 'failsafe', uniqueKeys: false });
  if (!Array.isArray(docs) || docs.length === 0) throw new FunctionError('on line 1, column 1: missing start of document');
  const doc = docs[0]!;
  const err = doc.errors[0];
  if (err) {
    const pos = err.linePos?.[0];
    throw new FunctionError(`on line ${pos?.line ?? 1}, column ${pos?.col ?? 1}: ${err.message.split(' at line ')[0]}`);
  }
  if (docs.length > 1) throw new FunctionError('on line 1, column 1: unexpected extra content after value');
  return toValue(doc.contents as Node | null, doc);
}

// ---- encoding

const BREAKS = new Set(['\n', '\r', '\u0085', '\u2028', '\u2029']);

function isYamlPrintable(ch: string): boolean {
  const c = ch.codePointAt(0)!;
  return c === 0x0a || (c >= 0x20 && c <= 0x7e) || (c >= 0xa0 && c <= 0xd7ff) || (c >= 0xe000 && c <= 0xfffd && c !== 0xfeff);
}

const ESCAPES: Record<string, string> = {
  '\0': '0',
  '\x07': 'a',
  '\b': 'b',
  '\t': 't',
  '\n': 'n',
  '\v': 'v',
  '\f': 'f',
  '\r': 'r',
  '\x1b': 'e',
  '"': '"',
  '\\': '\\',
  '\u0085': 'N',
  '\u00a0': '_',
  '\u2028': 'L',
  '\u2029': 'P',
};

function escapeChar(ch: string): string {
  const named = ESCAPES[ch];
  if (named) return '\\' + named;
  const c = ch.codePointAt(0)!;
  const hex = c.toString(16).toUpperCase();
  if (c <= 0xff) return '\\x' + hex.padStart(2, '0');
  if (c <= 0xffff) return '\\u' + hex.padStart(4, '0');
  return '\\U' + hex.padStart(8, '0');
}

/** A double-quoted scalar starting at `column`; long lines are folded at spaces past column 80 (unless a key). */
function doubleQuoted(s: string, column: number, indent: number, allowBreaks: boolean): string {
  const chars = Array.from(s);
  let out = '"';
  let col = column + 1;
  let spaces = false;
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i]!;
    if (!isYamlPrintable(ch) || BREAKS.has(ch) || ch === '"' || ch === '\\') {
      const e = escapeChar(ch);
      out += e;
      col += e.length;
      spaces = false;
    } else if (ch === ' ') {
      if (allowBreaks && !spaces && col > 80 && i > 0 && i < chars.length - 1) {
        out += '\n' + ' '.repeat(indent);
        col = indent;
        if (chars[i + 1] === ' ') {
          out += '\\';
          col++;
        }
      } else {
        out += ' ';
        col++;
      }
      spaces = true;
    } else {
      out += ch;
      col++;
      spaces = false;
    }
  }
  return out + '"';
}

function literalAllowed(s: string): boolean {
  const chars = Array.from(s);
  if (chars.length === 0 || chars[chars.length - 1] === ' ') return false;
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i]!;
    if (!isYamlPrintable(ch)) return false;
    if (ch === ' ' && BREAKS.has(chars[i + 1] ?? '')) return false;
  }
  return true;
}

function literal(s: string, indent: number): string {
  const chars = Array.from(s);
  let header = '|';
  if (chars[0] === ' ' || BREAKS.has(chars[0]!)) header += '2';
  const last = chars[chars.length - 1]!;
  if (last !== '\n') header += '-';
  else if (chars.length === 1 || chars[chars.length - 2] === '\n') header += '+';
  const lines = s.split('\n');
  if (last === '\n') lines.pop();
  return header + lines.map((l) => '\n' + (l === '' ? '' : ' '.repeat(indent) + l)).join('');
}

function scalarText(v: Value, column: number, indent: number): string {
  if (v.isNull) return 'null';
  switch (v.type.kind) {
    case 'number':
      return formatNumber(v.asNumber());
    case 'bool':
      return v.asBool() ? 'true' : 'false';
    default: {
      const s = v.asString();
      if (s.includes('\n') && literalAllowed(s)) return literal(s, indent);
      return doubleQuoted(s, column, indent, true);
    }
  }
}

function isBlockCollection(v: Value): boolean {
  return !v.isNull && v.type.kind !== 'string' && v.type.kind !== 'number' && v.type.kind !== 'bool' && v.length > 0;
}

function emptyText(v: Value): string | undefined {
  if (v.isNull) return undefined;
  const k = v.type.kind;
  if ((k === 'map' || k === 'object') && v.length === 0) return '{}';
  if ((k === 'list' || k === 'set' || k === 'tuple') && v.length === 0) return '[]';
  return undefined;
}

/** The node's text; its first line starts at `column` (already positioned), other lines carry their indentation. */
function emitNode(v: Value, indent: number, column: number): string {
  const empty = emptyText(v);
  if (empty) return empty;
  if (!isBlockCollection(v)) return scalarText(v, column, indent + 2);
  const k = v.type.kind;
  if (k === 'map' || k === 'object') {
    return v
      .entries()
      .map(([key, val], i) => {
        const lead = i === 0 ? '' : ' '.repeat(indent);
        const keyText = doubleQuoted(key, 0, 0, false);
        const head = `${lead}${keyText}:`;
        if (!isBlockCollection(val)) return `${head} ${emitNode(val, indent, indent + Array.from(keyText).length + 2)}`;
        const vk = val.type.kind;
        if (vk === 'map' || vk === 'object') return `${head}\n${' '.repeat(indent + 2)}${emitNode(val, indent + 2, indent + 2)}`;
        return `${head}\n${' '.repeat(indent)}${emitNode(val, indent, indent)}`;
      })
      .join('\n');
  }
  return v
    .elements()
    .map((item, i) => {
      const lead = i === 0 ? '' : ' '.repeat(indent);
      const text = isBlockCollection(item) ? emitNode(item, indent + 2, indent + 2) : emitNode(item, indent, indent + 2);
      return `${lead}- ${text}`;
    })
    .join('\n');
}

export function encodeYAML(v: Value): string {
  if (!v.isWhollyKnown) throw new FunctionError('cannot serialize unknown values');
  const text = emitNode(v, 0, 0) + '\n';
  const plainScalar = v.isNull || v.type.kind === 'number' || v.type.kind === 'bool';
  return plainScalar ? text + '...\n' : text;
}
