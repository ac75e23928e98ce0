import { describe, expect, it } from 'vitest';
import { T, typeExpression } from '../../src/value/value.js';
import { valueToJSON, valueFromJSON, JSONDecodeError } from '../../src/value/json.js';
import { formatValue } from '../../src/value/format.js';
import { s, n, b, tup, obj, list, map, nul, unk } from './build.js';
import { needs, packer } from '../support/needs.js';
import { evaluateWithPacker } from '../support/packer-console.js';

// [HCL expression, value, jsonencode result]
const encodings: [string, ReturnType<typeof s>, string][] = [
  ['"x"', s('x'), '"x"'],
  ['"<a&b>"', s('<a&b>'), '"\\u003ca\\u0026b\\u003e"'],
  ['"\\u0008\\u000c\\n\\r\\t\\u0001\\u2028\\"\\\\\\u00e9"', s('\b\f\n\r\t\u0001\u2028"\\é'), '"\\u0008\\u000c\\n\\r\\t\\u0001\\u2028\\"\\\\é"'],
  ['1e21', n(1e21), '1000000000000000000000'],
  ['2e-7', n(2e-7), '0.0000002'],
  ['[1, "a", true, null]', tup(n(1), s('a'), b(true), nul()), '[1,"a",true,null]'],
  ['{b = 1, a = 2}', obj({ b: n(1), a: n(2) }), '{"a":2,"b":1}'],
  ['{b = null, a = []}', obj({ b: nul(), a: tup() }), '{"a":[],"b":null}'],
  ['{z = {y = [{}]}}', obj({ z: obj({ y: tup(obj({})) }) }), '{"z":{"y":[{}]}}'],
];

const errors: [string, string][] = [
  ['{', 'EOF'],
  ['', 'EOF'],
  ['[1,2', 'EOF'],
  ['[1,]', "invalid character ']' looking for beginning of value"],
  ['1 2', 'extraneous data after JSON object'],
  ['[1] x', 'extraneous data after JSON object'],
  ['01', 'extraneous data after JSON object'],
  ['nul', 'unexpected EOF'],
  ['-', 'unexpected EOF'],
  ['tru', 'unexpected EOF'],
  ['{1:2}', "invalid character '1'"],
  ['{"a" 1}', "invalid character '1' after object key"],
];

describe('valueToJSON', () => {
  it.each(encodings)('%s', (_expr, value, expected) => {
    expect(valueToJSON(value)).toBe(expected);
  });
  it('encodes collections like structures', () => {
    expect(valueToJSON(list([s('a')]))).toBe('["a"]');
    expect(valueToJSON(map({ b: n(1), a: n(2) }))).toBe('{"a":2,"b":1}');
    expect(valueToJSON(list([], T.string))).toBe('[]');
  });
  it('refuses unknown values', () => {
    expect(() => valueToJSON(unk(T.string))).toThrow('value is not known');
  });
});

describe('valueFromJSON', () => {
  it('decodes objects to objects and arrays to tuples', () => {
    const v = valueFromJSON('{"b":[1,"x",null,true],"a":{"c":1.50}}');
    expect(typeExpression(v.type)).toBe('object({a=object({c=number}), b=tuple([number, string, any, bool])})');
    expect(valueToJSON(v)).toBe('{"a":{"c":1.5},"b":[1,"x",null,true]}');
  });
  it.each([
    ['  "x"  ', 'x'],
    ['{"a":1,"a":2}', '{\n  "a" = 2\n}'],
    ['"\\ud800"', '\ufffd'],
    ['"\\ud83d\\ude00"', '😀'],
    ['1e400', '+Inf'],
    ['-0.5e1', '-5'],
    ['[]', '[]'],
  ])('%s', (text, printed) => {
    expect(formatValue(valueFromJSON(text))).toBe(printed);
  });

  it.each(errors)('fails on %j', (text, message) => {
    let caught: unknown;
    try {
      valueFromJSON(text);
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(JSONDecodeError);
    expect((caught as JSONDecodeError).message).toBe(message);
  });
  it('words errors inside literals as Go does', () => {
    expect(() => valueFromJSON('nux')).toThrow("invalid character 'x' in literal null (expecting 'l')");
    expect(() => valueFromJSON('1.x')).toThrow("invalid character 'x' after decimal point in numeric literal");
    expect(() => valueFromJSON('"\\q"')).toThrow("invalid character 'q' in string escape code");
    expect(() => valueFromJSON('[1 2]')).toThrow("invalid character '2' after array element");
    expect(() => valueFromJSON('{"a":1 "b"}')).toThrow(`invalid character '"' after object key:value pair`);
  });
});

needs(packer).describe('JSON agrees with packer', () => {
  it('jsonencode', async () => {
    const outputs = await evaluateWithPacker(encodings.map(([expr]) => `jsonencode(${expr})`));
    expect(encodings.map(([, value]) => `${valueToJSON(value)}\n`)).toEqual(outputs);
  }, 60_000);

  it('jsondecode errors', async () => {
    const outputs = await evaluateWithPacker(errors.map(([text]) => `jsondecode(${JSON.stringify(text)})`));
    const normalise = (o: string) => o.replace(/\s+/g, ' ');
    errors.forEach(([, message], i) => {
      expect(normalise(outputs[i]!)).toContain(`Call to function "jsondecode" failed: ${message}.`);
    });
  }, 60_000);
});
