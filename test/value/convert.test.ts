import { describe, expect, it } from 'vitest';
import { T, typeExpression, type Type, type Value } from '../../src/value/value.js';
import { convert, ConversionError, canConvert, tryConvert, formatPath } from '../../src/value/convert.js';
import { valueToJSON } from '../../src/value/json.js';
import { s, n, b, tup, obj, list, map, nul, unk } from './build.js';

/** Type and content of a value, for comparing results. */
function describeValue(v: Value): string {
  if (!v.known) return `unknown ${typeExpression(v.type)}`;
  return `${typeExpression(v.type)} ${valueToJSON(v)}`;
}

function conversionFailure(v: Value, want: Type): { message: string; path: string } {
  try {
    convert(v, want);
  } catch (e) {
    if (e instanceof ConversionError) return { message: e.message, path: formatPath(e.path) };
    throw e;
  }
  throw new Error('conversion succeeded');
}

const objWithOptional = (attrs: Record<string, Type>, optional: string[], defaults?: Record<string, Value>): Type => ({
  kind: 'object',
  attrs,
  optional,
  defaults,
});

describe('convert: successful conversions', () => {
  const cases: [string, Value, Type, string][] = [
    ['string to number', s('1.5'), T.number, 'number 1.5'],
    ['string to number with exponent', s('1e3'), T.number, 'number 1000'],
    ['string to number with sign and point', s('+5.'), T.number, 'number 5'],
    ['string to number, binary exponent', s('1p3'), T.number, 'number 8'],
    ['number to string, integer', n(43), T.string, 'string "43"'],
    ['number to string, fraction', n(1.5), T.string, 'string "1.5"'],
    ['number to string, large', n(1e21), T.string, 'string "1000000000000000000000"'],
    ['number to string, small', n(2e-7), T.string, 'string "0.0000002"'],
    ['number to string, negative', n(-0.5), T.string, 'string "-0.5"'],
    ['bool to string', b(true), T.string, 'string "true"'],
    ['string to bool', s('false'), T.bool, 'bool false'],
    ['"1" to bool', s('1'), T.bool, 'bool true'],
    ['"0" to bool', s('0'), T.bool, 'bool false'],
    ['same type', s('x'), T.string, 'string "x"'],
    ['anything to any', tup(n(1), s('a')), T.dynamic, 'tuple([number, string]) [1,"a"]'],
    ['tuple to list, unified', tup(n(1), s('a')), T.list(T.dynamic), 'list(string) ["1","a"]'],
    ['tuple to list of number', tup(s('1'), n(2)), T.list(T.number), 'list(number) [1,2]'],
    ['empty tuple to list', tup(), T.list(T.string), 'list(string) []'],
    ['tuple to set, duplicates merged', tup(s('b'), s('a'), s('b')), T.set(T.string), 'set(string) ["a","b"]'],
    ['list to set', list([n(2), n(1)]), T.set(T.number), 'set(number) [1,2]'],
    ['set to list', convert(tup(n(3), n(1)), T.set(T.number)), T.list(T.string), 'list(string) ["1","3"]'],
    ['object to map, unified', obj({ a: n(1), b: s('x') }), T.map(T.dynamic), 'map(string) {"a":"1","b":"x"}'],
    ['object to map of string', obj({ a: b(true) }), T.map(T.string), 'map(string) {"a":"true"}'],
    ['empty object to map', obj({}), T.map(T.number), 'map(number) {}'],
    ['map to object', map({ name: s('J'), n: s('2') }), T.object({ name: T.string, n: T.number }), 'object({n=number, name=string}) {"n":2,"name":"J"}'],
    ['map to object drops extra keys', map({ name: s('J'), x: s('y') }), T.object({ name: T.string }), 'object({name=string}) {"name":"J"}'],
    ['object to object drops extra attributes', obj({ foo: s('v'), bar: s('w') }), T.object({ foo: T.string }), 'object({foo=string}) {"foo":"v"}'],
    ['object attribute converted', obj({ foo: b(true) }), T.object({ foo: T.string }), 'object({foo=string}) {"foo":"true"}'],
    ['optional attribute filled with null', obj({ a: s('x') }), objWithOptional({ a: T.string, b: T.number }, ['b']), 'object({a=string, b=number}) {"a":"x","b":null}'],
    ['optional attribute default', obj({}), objWithOptional({ port: T.number }, ['port'], { port: n(22) }), 'object({port=number}) {"port":22}'],
    ['default replaces null', obj({ port: nul() }), objWithOptional({ port: T.number }, ['port'], { port: n(22) }), 'object({port=number}) {"port":22}'],
    ['default converted to attribute type', obj({}), objWithOptional({ port: T.string }, ['port'], { port: n(22) }), 'object({port=string}) {"port":"22"}'],
    ['defaults inside list elements', tup(obj({ a: s('x') }), obj({ a: s('y'), n: n(1) })), T.list(objWithOptional({ a: T.string, n: T.number }, ['n'], { n: n(7) })), 'list(object({a=string, n=number})) [{"a":"x","n":7},{"a":"y","n":1}]'],
    ['map to object, optional missing', map({ name: s('J') }), objWithOptional({ name: T.string, greeting: T.string }, ['greeting']), 'object({greeting=string, name=string}) {"greeting":null,"name":"J"}'],
    ['tuple to tuple', tup(n(1), b(false)), T.tuple([T.string, T.string]), 'tuple([string, string]) ["1","false"]'],
    ['list(any) of mixed inner tuples unified', tup(tup(n(1)), tup(s('a'))), T.list(T.list(T.dynamic)), 'list(list(string)) [["1"],["a"]]'],
    ['objects of different attributes to list(any) become maps', tup(obj({ a: n(1) }), obj({ b: s('x') })), T.list(T.dynamic), 'list(map(string)) [{"a":"1"},{"b":"x"}]'],
    ['null to string', nul(), T.string, 'string null'],
    ['typed null to string', nul(T.number), T.string, 'string null'],
    ['null list to list(any) keeps element type', nul(T.list(T.string)), T.list(T.dynamic), 'list(string) null'],
    ['unknown to number', unk(), T.number, 'unknown number'],
    ['unknown string to number', unk(T.string), T.number, 'unknown number'],
    ['null element in tuple to list', tup(nul(), n(1)), T.list(T.dynamic), 'list(number) [null,1]'],
  ];
  it.each(cases)('%s', (_name, value, want, expected) => {
    expect(describeValue(convert(value, want))).toBe(expected);
  });
});

describe('convert: errors as cty words them', () => {
  const cases: [string, Value, Type, string, string][] = [
    ['invalid number', s('abc'), T.number, 'a number is required', ''],
    ['number with spaces', s(' 1'), T.number, 'a number is required', ''],
    ['hex number', s('0x10'), T.number, 'a number is required', ''],
    ['underscores', s('1_000'), T.number, 'a number is required', ''],
    ['invalid bool', s('yes'), T.bool, 'a bool is required', ''],
    ['capitalised bool', s('True'), T.bool, 'a bool is required; to convert from string, use lowercase "true"', ''],
    ['capitalised false', s('FALSE'), T.bool, 'a bool is required; to convert from string, use lowercase "false"', ''],
    ['number to bool', n(1), T.bool, 'bool required', ''],
    ['bool to number', b(true), T.number, 'number required', ''],
    ['tuple to string', tup(), T.string, 'string required', ''],
    ['string to list', s('x'), T.list(T.string), 'list of string required', ''],
    ['missing attribute', obj({ name: s('x') }), T.object({ name: T.string, n: T.number }), 'attribute "n" is required', ''],
    ['two missing attributes', obj({ bar: s('b') }), T.object({ foo: T.string, baz: T.string }), 'attributes "baz" and "foo" are required', ''],
    ['three missing attributes', obj({}), T.object({ foo: T.string, bar: T.string, baz: T.string }), 'attributes "bar", "baz", and "foo" are required', ''],
    ['optional attributes are not required', obj({}), objWithOptional({ foo: T.string, bar: T.string }, ['foo']), 'attribute "bar" is required', ''],
    ['attribute of wrong type', obj({ foo: b(true) }), T.object({ foo: T.number }), 'attribute "foo": number required', ''],
    ['tuple element of wrong type', tup(n(1), b(true)), T.list(T.number), 'element 1: number required', ''],
    ['list element fails at value level', tup(s('1'), s('x')), T.list(T.number), 'a number is required', '[1]'],
    ['nested attribute fails', obj({ k: obj({ n: s('z') }) }), T.map(T.object({ n: T.number })), 'a number is required', '["k"].n'],
    ['mixed tuple to list(any)', tup(n(1), b(true)), T.list(T.dynamic), 'all list elements must have the same type', ''],
    ['mixed tuple to set(any)', tup(tup(), n(1)), T.set(T.dynamic), 'all set elements must have the same type', ''],
    ['mixed object to map(any)', obj({ num: n(5), bool: b(true) }), T.map(T.dynamic), 'all map elements must have the same type', ''],
    ['object attribute not convertible to map element', obj({ a: tup() }), T.map(T.string), 'element "a": string required', ''],
    ['list element types', list([b(true)]), T.list(T.number), 'incorrect list element type: number required', ''],
    ['map to list', map({ a: s('x') }), T.list(T.string), 'list of string required', ''],
    ['map missing required attribute', map({ name: s('J') }), T.object({ name: T.string, greeting: T.string }), 'map has no element for required attribute "greeting"', ''],
    ['map elements not convertible to attribute', map({ greeting: s('H') }), T.object({ greeting: T.list(T.string) }), 'object required', ''],
    ['tuple of other length', tup(n(1)), T.tuple([T.number, T.number]), 'tuple required', ''],
    ['null of a type with no conversion', nul(T.number), T.bool, 'bool required', ''],
  ];
  it.each(cases)('%s', (_name, value, want, message, path) => {
    expect(conversionFailure(value, want)).toEqual({ message, path });
  });
});

describe('convert: marks and helpers', () => {
  it('keeps marks on the converted value', () => {
    const out = convert(n(5).mark('sensitive'), T.string);
    expect(out.hasMark('sensitive')).toBe(true);
    expect(out.asString()).toBe('5');
  });
  it('keeps marks of elements', () => {
    const out = convert(tup(s('1'), s('2').mark('sensitive')), T.list(T.number));
    expect(out.elements().map((e) => e.hasMark('sensitive'))).toEqual([false, true]);
    expect(out.elements().map((e) => e.asNumber())).toEqual([1, 2]);
  });
  it('canConvert separates safe and unsafe conversions', () => {
    expect(canConvert(T.string, T.number)).toBe(true);
    expect(canConvert(T.string, T.number, { safe: true })).toBe(false);
    expect(canConvert(T.number, T.string, { safe: true })).toBe(true);
    expect(canConvert(T.list(T.string), T.set(T.string), { safe: true })).toBe(false);
    expect(canConvert(T.bool, T.number)).toBe(false);
  });
  it('tryConvert returns undefined on failure', () => {
    expect(tryConvert(s('x'), T.number)).toBeUndefined();
    expect(tryConvert(s('2'), T.number)?.asNumber()).toBe(2);
  });
});
