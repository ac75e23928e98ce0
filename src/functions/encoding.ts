// Encoding functions: base64, gzip, CSV, JSON, text encodings, URL encoding and YAML.

import { gzipSync } from 'node:zlib';
import { T, Value } from '../value/value.js';
import { quoteGo as goQuote } from '../value/format.js';
import { JSONDecodeError, valueFromJSON, valueToJSON } from '../value/json.js';
import { FunctionError, argError, define, param, type FunctionDef } from './types.js';
import { decodeText, encodeText } from './text-encodings.js';
import { decodeYAML, encodeYAML } from './yaml.js';

const str = (name: string) => param(name, T.string);

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** Bytes of standard, padded base64 text; undefined when the text is not valid base64. */
export function decodeBase64(text: string): Buffer | undefined {
  return BASE64.test(text) ? Buffer.from(text, 'base64') : undefined;
}

function utf8OrUndefined(bytes: Buffer): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

/** Go's url.QueryEscape. */
export function queryEscape(s: string): string {
  let out = '';
  for (const byte of Buffer.from(s, 'utf8')) {
    const ch = String.fromCharCode(byte);
    if (/[A-Za-z0-9\-_.~]/.test(ch)) out += ch;
    else if (ch === ' ') out += '+';
    else out += '%' + byte.toString(16).toUpperCase().padStart(2, '0');
  }
  return out;
}

function csvError(line: number, message: string): FunctionError {
  return new FunctionError(`CSV parse error on line ${line}: ${message}`);
}

/** RFC 4180 records, as Go's encoding/csv reads them (fields may be quoted; "" inside quotes is a quote). */
function parseCSV(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let i = 0;
  let line = 1;
  let quoted = false;
  let fieldStart = true;
  const endField = () => {
    row.push(field);
    field = '';
    fieldStart = true;
  };
  while (i < text.length) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i++;
        const next = text[i];
        if (next !== undefined && next !== ',' && next !== '\n' && next !== '\r') {
          throw csvError(line, 'extraneous or missing " in quoted-field');
        }
        continue;
      }
      if (c === '\n') line++;
      field += c;
      i++;
      continue;
    }
    if (c === '"' && fieldStart) {
      quoted = true;
      fieldStart = false;
      i++;
      continue;
    }
    if (c === ',') {
      endField();
      i++;
      continue;
    }
    if (c === '\r' && text[i + 1] === '\n') i++;
    if (c === '\n' || c === '\r') {
      endField();
      if (!(row.length === 1 && row[0] === '')) rows.push(row);
      row = [];
      line++;
      i++;
      continue;
    }
    if (c === '"') throw csvError(line, 'bare " in non-quoted-field');
    field += c;
    fieldStart = false;
    i++;
  }
  if (quoted) throw csvError(line, 'extraneous or missing " in quoted-field');
  if (!fieldStart || row.length > 0) {
    endField();
    rows.push(row);
  }
  return rows;
}

function csvDecode(text: string): Value {
  const rows = parseCSV(text);
  if (rows.length === 0) throw new FunctionError('missing header line');
  const header = rows[0]!;
  const objects = rows.slice(1).map((row, i) => {
    if (row.length !== header.length) {
      throw csvError(i + 2, 'wrong number of fields');
    }
    return Value.object(Object.fromEntries(header.map((h, j) => [h, Value.string(row[j]!)])));
  });
  const objType = T.object(Object.fromEntries(header.map((h) => [h, T.string])));
  return Value.list(objects, objType);
}

export const encodingFunctions: Record<string, FunctionDef> = {
  base64encode: define({
    params: [str('str')],
    returns: T.string,
    impl: ([s]) => Value.string(Buffer.from(s!.asString(), 'utf8').toString('base64')),
  }),
  base64decode: define({
    params: [str('str')],
    returns: T.string,
    impl([s]) {
      const bytes = decodeBase64(s!.asString());
      if (!bytes) throw argError(0, `failed to decode base64 data ${goQuote(s!.asString())}`);
      const text = utf8OrUndefined(bytes);
      if (text === undefined) throw argError(0, 'the result of decoding the provided string is not valid UTF-8');
      return Value.string(text);
    },
  }),
  base64gzip: define({
    params: [str('str')],
    returns: T.string,
    impl: ([s]) => Value.string(gzipSync(Buffer.from(s!.asString(), 'utf8')).toString('base64')),
  }),
  textencodebase64: define({
    params: [str('string'), str('encoding')],
    returns: T.string,
    impl: ([s, e]) => Value.string(encodeText(s!.asString(), e!.asString()).toString('base64')),
  }),
  textdecodebase64: define({
    params: [str('source'), str('encoding')],
    returns: T.string,
    impl([s, e]) {
      const bytes = decodeBase64(s!.asString());
      if (!bytes) throw argError(0, `the given value is has an invalid base64 symbol`);
      return Value.string(decodeText(bytes, e!.asString()));
    },
  }),
  urlencode: define({
    params: [str('str')],
    returns: T.string,
    impl: ([s]) => Value.string(queryEscape(s!.asString())),
  }),
  csvdecode: define({
    params: [str('str')],
    returns: T.dynamic,
    impl: ([s]) => csvDecode(s!.asString()),
  }),
  jsonencode: define({
    params: [param('val', T.dynamic, { allowNull: true })],
    returns: T.string,
    impl([v]) {
      try {
        return Value.string(valueToJSON(v!));
      } catch (e) {
        throw argError(0, (e as Error).message);
      }
    },
  }),
  jsondecode: define({
    params: [str('str')],
    returns: T.dynamic,
    impl([s]) {
      try {
        return valueFromJSON(s!.asString());
      } catch (e) {
        if (e instanceof JSONDecodeError) throw new FunctionError(e.message);
        throw e;
      }
    },
  }),
  yamlencode: define({
    params: [param('value', T.dynamic, { allowNull: true })],
    returns: T.string,
    impl: ([v]) => Value.string(encodeYAML(v!)),
  }),
  yamldecode: define({
    params: [str('src')],
    returns: T.dynamic,
    impl: ([s]) => decodeYAML(s!.asString()),
  }),
};
