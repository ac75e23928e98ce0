// HCL JSON syntax (`*.pkr.json`): a JSON parser that keeps the source range of every value and
// reports located errors. Whether a property is an attribute or a block is decided later, against a
// schema (see json-body.ts).

import type { Diagnostic } from '../diag/diagnostic.js';
import type { File, JsonObject, JsonValue } from './ast.js';
import { decodeJsonString } from './json-string.js';
import { MAX_DEPTH } from './parser-state.js';
import { createPositioner, type Positioner } from './position.js';

export function parseHCLJSON(source: string, filename: string): { file: File; diagnostics: Diagnostic[] } {
  const positioner = createPositioner(source, filename);
  const reader = new JsonReader(source, positioner);
  let root: JsonValue | undefined;
  try {
    root = reader.readDocument();
  } catch (err) {
    if (!(err instanceof JsonSyntaxError)) {
      const message = err instanceof Error ? err.message : String(err);
      reader.fail('Internal parser error', `The JSON parser failed unexpectedly: ${message}. Please report this problem.`, 0, 0);
    }
  }
  const json = rootObject(root, reader);
  const file: File = {
    filename,
    source,
    body: { kind: 'body', items: [], range: positioner.range(0, source.length), json },
    comments: [],
    syntax: 'json',
  };
  return { file, diagnostics: reader.diagnostics };
}

/** The root must be an object; an array of objects is merged into one, as HCL allows. */
function rootObject(root: JsonValue | undefined, reader: JsonReader): JsonObject {
  const range = reader.positioner.range(0, reader.source.length);
  if (root?.kind === 'jobject') return root;
  if (root?.kind === 'jarray' && root.items.every((v) => v.kind === 'jobject')) {
    return { kind: 'jobject', props: root.items.flatMap((v) => (v as JsonObject).props), range: root.range };
  }
  if (root) {
    reader.diagnostics.push({
      severity: 'error',
      summary: 'Root value must be object',
      detail: 'The root value in a JSON-based configuration must be either a JSON object or a JSON array of objects.',
      range: root.range,
    });
  }
  return { kind: 'jobject', props: [], range };
}

class JsonSyntaxError extends Error {}

class JsonReader {
  readonly diagnostics: Diagnostic[] = [];
  private i = 0;
  private depth = 0;

  constructor(
    readonly source: string,
    readonly positioner: Positioner,
  ) {
    if (source.charCodeAt(0) === 0xfeff) this.i = 1;
  }

  fail(summary: string, detail: string, start: number, end: number): never {
    this.diagnostics.push({ severity: 'error', summary, detail, range: this.positioner.range(start, end) });
    throw new JsonSyntaxError(summary);
  }

  readDocument(): JsonValue {
    const value = this.readValue();
    this.skipSpace();
    if (this.i < this.source.length) {
      this.fail('Extraneous data after value', 'Extra characters appear after the JSON value.', this.i, this.i + 1);
    }
    return value;
  }

  private skipSpace(): void {
    const s = this.source;
    while (this.i < s.length) {
      const c = s.charCodeAt(this.i);
      if (c === 32 || c === 9 || c === 10 || c === 13) this.i++;
      else break;
    }
  }

  private readValue(): JsonValue {
    this.skipSpace();
    const s = this.source;
    const start = this.i;
    if (start >= s.length) this.fail('Missing JSON value', 'A JSON value must start here, but the file ends.', start, start);
    const c = s[start]!;
    if (c === '{' || c === '[') {
      if (this.depth >= MAX_DEPTH) this.fail('Nesting too deep', `This JSON value nests more than ${MAX_DEPTH} levels deep.`, start, start + 1);
      this.depth++;
      const v = c === '{' ? this.readObject() : this.readArray();
      this.depth--;
      return v;
    }
    if (c === '"') {
      const { value, raw } = this.readString();
      return { kind: 'jstring', value, raw, range: this.positioner.range(start, this.i) };
    }
    if (c === '-' || (c >= '0' && c <= '9')) return this.readNumber();
    const word = /^[A-Za-z_][A-Za-z0-9_]*/.exec(s.slice(start, start + 64))?.[0];
    if (word === undefined) {
      this.fail('Invalid JSON value', `The character "${String.fromCodePoint(s.codePointAt(start)!)}" cannot start a JSON value.`, start, start + 1);
    }
    this.i += word.length;
    const range = this.positioner.range(start, this.i);
    if (word === 'true' || word === 'false') return { kind: 'jbool', value: word === 'true', range };
    if (word === 'null') return { kind: 'jnull', range };
    return this.fail('Invalid JSON keyword', `The keyword "${word}" is not valid JSON. The only keywords are true, false and null.`, start, this.i);
  }

  private readString(): { value: string; raw: string } {
    const s = this.source;
    const start = this.i;
    let j = start + 1;
    while (j < s.length && s[j] !== '"' && s[j] !== '\n') j += s[j] === '\\' ? 2 : 1;
    if (j >= s.length || s[j] !== '"') this.fail('Unterminated string', 'A JSON string must end with a quote (") on the same line.', start, Math.min(j, s.length));
    this.i = j + 1;
    const raw = s.slice(start, this.i);
    const decoded = decodeJsonString(raw);
    if (decoded.error) this.fail('Invalid JSON string', decoded.error.message, start + decoded.error.at, start + decoded.error.end);
    return { value: decoded.value, raw };
  }

  private readNumber(): JsonValue {
    const start = this.i;
    const m = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(this.source.slice(start, start + 400));
    if (!m) this.fail('Invalid JSON number', 'This is not a valid JSON number.', start, start + 1);
    this.i += m[0].length;
    return { kind: 'jnumber', value: Number(m[0]), raw: m[0], range: this.positioner.range(start, this.i) };
  }

  private expect(ch: string, summary: string, detail: string): void {
    this.skipSpace();
    if (this.source[this.i] !== ch) this.fail(summary, detail, this.i, Math.min(this.i + 1, this.source.length));
    this.i++;
  }

  private readObject(): JsonObject {
    const start = this.i++;
    const props: JsonObject['props'] = [];
    this.skipSpace();
    if (this.source[this.i] === '}') {
      this.i++;
      return { kind: 'jobject', props, range: this.positioner.range(start, this.i) };
    }
    for (;;) {
      this.skipSpace();
      const nameStart = this.i;
      if (this.source[nameStart] !== '"') {
        if (this.source[nameStart] === '}' && props.length > 0) this.fail('Trailing comma in object', 'JSON does not permit a trailing comma after the final property in an object.', nameStart, nameStart + 1);
        this.fail('Invalid property name', 'A JSON object property name must be a string, in double quotes.', nameStart, Math.min(nameStart + 1, this.source.length));
      }
      const { value: name, raw } = this.readString();
      const nameRange = this.positioner.range(nameStart, this.i);
      this.skipSpace();
      if (this.source[this.i] === '=') this.fail('Missing property value colon', 'JSON uses a colon as its name/value delimiter, not an equals sign.', this.i, this.i + 1);
      this.expect(':', 'Missing property value colon', 'A colon must appear between an object property\'s name and its value.');
      props.push({ name, nameRange, value: this.readValue(), nameRaw: raw });
      this.skipSpace();
      const c = this.source[this.i];
      if (c === ',') {
        this.i++;
        continue;
      }
      if (c === '}') {
        this.i++;
        return { kind: 'jobject', props, range: this.positioner.range(start, this.i) };
      }
      if (c === undefined) this.fail('Unclosed object', 'There is no closing brace for this object before the end of the file.', start, start + 1);
      this.fail('Missing property separator', 'Expected a comma to separate object properties, or a closing brace to end the object.', this.i, this.i + 1);
    }
  }

  private readArray(): JsonValue {
    const start = this.i++;
    const items: JsonValue[] = [];
    this.skipSpace();
    if (this.source[this.i] === ']') {
      this.i++;
      return { kind: 'jarray', items, range: this.positioner.range(start, this.i) };
    }
    for (;;) {
      this.skipSpace();
      if (this.source[this.i] === ']' && items.length > 0) this.fail('Trailing comma in array', 'JSON does not permit a trailing comma after the final value in an array.', this.i, this.i + 1);
      items.push(this.readValue());
      this.skipSpace();
      const c = this.source[this.i];
      if (c === ',') {
        this.i++;
        continue;
      }
      if (c === ']') {
        this.i++;
        return { kind: 'jarray', items, range: this.positioner.range(start, this.i) };
      }
      if (c === undefined) this.fail('Unclosed array', 'There is no closing bracket for this array before the end of the file.', start, start + 1);
      this.fail('Missing array separator', 'Expected a comma to separate array values, or a closing bracket to end the array.', this.i, this.i + 1);
    }
  }
}
