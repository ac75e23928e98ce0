// JSON text of values and values of JSON text, with `jsonencode` / `jsondecode` semantics: keys sorted,
// HTML-sensitive characters escaped as Go's encoding/json does, numbers written as cty writes them,
// and decoding errors worded as Go's JSON decoder words them.

import { Value } from './value.js';
import { formatNumber } from './number-format.js';

/** The JSON text of a wholly known value. Throws an Error when some part of it is unknown. */
export function valueToJSON(v: Value): string {
  if (!v.known) throw new Error('value is not known');
  if (v.isNull) return 'null';
  switch (v.type.kind) {
    case 'string':
      return quoteJSON(v.asString());
    case 'number':
      return formatNumber(v.asNumber());
    case 'bool':
      return String(v.asBool());
    case 'list':
    case 'set':
    case 'tuple':
      return `[${v.elements().map(valueToJSON).join(',')}]`;
    default:
      return `{${sortKeys(v.entries())
        .map(([k, e]) => `${quoteJSON(k)}:${valueToJSON(e)}`)
        .join(',')}}`;
  }
}

/** Keys in the byte order of their UTF-8 encoding, as Go sorts map keys. */
function sortKeys(entries: [string, Value][]): [string, Value][] {
  const bytes = (s: string) => Buffer.from(s, 'utf8');
  return entries.sort(([a], [b]) => Buffer.compare(bytes(a), bytes(b)));
}

const JSON_ESCAPES: Record<string, string> = { '"': '\\"', '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** A JSON string literal as Go's encoding/json writes it (`<`, `>`, `&`, U+2028, U+2029 escaped). */
export function quoteJSON(s: string): string {
  const escaped = s.replace(/["\\\u0000-\u001f<>&\u2028\u2029]/g, (ch) => {
    return JSON_ESCAPES[ch] ?? `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`;
  });
  return `"${escaped}"`;
}

/** A JSON decoding failure; the message is the one Packer shows after `Call to function "jsondecode" failed: `. */
export class JSONDecodeError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
    this.name = 'JSONDecodeError';
  }
}

/**
 * The value of a JSON text: objects become object values, arrays tuples, `null` a null of type any.
 * Duplicate keys keep the last value. Throws JSONDecodeError.
 */
export function valueFromJSON(text: string): Value {
  const reader = new JSONReader(text);
  const value = reader.readTop();
  return value;
}

type Context = 'value' | 'array-next' | 'object-key' | 'object-colon' | 'object-next';

const CONTEXT_WORDS: Record<Context, string> = {
  value: ' looking for beginning of value',
  'array-next': ' after array element',
  'object-key': '',
  'object-colon': ' after object key',
  'object-next': ' after object key:value pair',
};

class JSONReader {
  private pos = 0;
  constructor(private readonly text: string) {}

  readTop(): Value {
    const v = this.readValue();
    this.skipSpace();
    if (this.pos < this.text.length) throw new JSONDecodeError('extraneous data after JSON object', this.pos);
    return v;
  }

  private fail(context: Context): never {
    if (this.pos >= this.text.length) throw new JSONDecodeError('EOF', this.pos);
    throw new JSONDecodeError(`invalid character ${quoteChar(this.text[this.pos]!)}${CONTEXT_WORDS[context]}`, this.pos);
  }

  private failInside(message: string): never {
    if (this.pos >= this.text.length) throw new JSONDecodeError('unexpected EOF', this.pos);
    throw new JSONDecodeError(`invalid character ${quoteChar(this.text[this.pos]!)} ${message}`, this.pos);
  }

  private skipSpace(): void {
    while (this.pos < this.text.length && ' \t\r\n'.includes(this.text[this.pos]!)) this.pos++;
  }

  private peek(): string | undefined {
    this.skipSpace();
    return this.text[this.pos];
  }

  private readValue(): Value {
    const c = this.peek();
    if (c === '{') return this.readObject();
    if (c === '[') return this.readArray();
    if (c === '"') return Value.string(this.readString());
    if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) return Value.number(this.readNumber());
    if (c === 't') return this.readWord('true', Value.bool(true));
    if (c === 'f') return this.readWord('false', Value.bool(false));
    if (c === 'n') return this.readWord('null', Value.null());
    return this.fail('value');
  }

  private readWord(word: string, result: Value): Value {
    for (const expected of word) {
      if (this.text[this.pos] !== expected) this.failInside(`in literal ${word} (expecting ${quoteChar(expected)})`);
      this.pos++;
    }
    return result;
  }

  private readArray(): Value {
    this.pos++;
    const items: Value[] = [];
    if (this.peek() === ']') {
      this.pos++;
      return Value.tuple(items);
    }
    for (;;) {
      items.push(this.readValue());
      const c = this.peek();
      if (c === ']') break;
      if (c !== ',') this.fail('array-next');
      this.pos++;
    }
    this.pos++;
    return Value.tuple(items);
  }

  private readObject(): Value {
    this.pos++;
    const entries = new Map<string, Value>();
    if (this.peek() === '}') {
      this.pos++;
      return Value.object(entries);
    }
    for (;;) {
      if (this.peek() !== '"') this.fail('object-key');
      const key = this.readString();
      if (this.peek() !== ':') this.fail('object-colon');
      this.pos++;
      entries.set(key, this.readValue());
      const c = this.peek();
      if (c === '}') break;
      if (c !== ',') this.fail('object-next');
      this.pos++;
    }
    this.pos++;
    return Value.object(entries);
  }

  private readNumber(): number {
    const start = this.pos;
    const digits = () => {
      const from = this.pos;
      while (this.pos < this.text.length && this.text[this.pos]! >= '0' && this.text[this.pos]! <= '9') this.pos++;
      return this.pos > from;
    };
    if (this.text[this.pos] === '-') this.pos++;
    if (this.text[this.pos] === '0') this.pos++;
    else if (!digits()) this.failInside('in numeric literal');
    if (this.text[this.pos] === '.') {
      this.pos++;
      if (!digits()) this.failInside('after decimal point in numeric literal');
    }
    if (this.text[this.pos] === 'e' || this.text[this.pos] === 'E') {
      this.pos++;
      if (this.text[this.pos] === '+' || this.text[this.pos] === '-') this.pos++;
      if (!digits()) this.failInside('in exponent of numeric literal');
    }
    return Number(this.text.slice(start, this.pos));
  }

  private readString(): string {
    this.pos++;
    let out = '';
    for (;;) {
      const c = this.text[this.pos];
      if (c === undefined) this.failInside('');
      if (c === '"') break;
      if (c < ' ') this.failInside('in string literal');
      if (c === '\\') {
        this.pos++;
        out += this.readEscape();
        continue;
      }
      out += c;
      this.pos++;
    }
    this.pos++;
    return out.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');
  }

  private readEscape(): string {
    const c = this.text[this.pos];
    const simple: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
    if (c !== undefined && simple[c] !== undefined) {
      this.pos++;
      return simple[c];
    }
    if (c !== 'u') this.failInside('in string escape code');
    this.pos++;
    for (let i = 0; i < 4; i++) {
      if (!/[0-9a-fA-F]/.test(this.text[this.pos + i] ?? '')) {
        this.pos += i;
        this.failInside('in \\u hexadecimal character escape');
      }
    }
    const code = parseInt(this.text.slice(this.pos, this.pos + 4), 16);
    this.pos += 4;
    return String.fromCharCode(code);
  }
}

/** A character in an error message, as Go's JSON decoder quotes it: 'x', '\n', '\''. */
function quoteChar(c: string): string {
  if (c === "'") return "'\\''";
  if (c === '"') return `'"'`;
  const json = JSON.stringify(c);
  return `'${json.slice(1, -1)}'`;
}
