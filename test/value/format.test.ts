import { describe, expect, it } from 'vitest';
import { T } from '../../src/value/value.js';
import { formatValue, quoteGo } from '../../src/value/format.js';
import { s, n, b, tup, obj, list, map, nul, unk } from './build.js';
import { needs, packer } from '../support/needs.js';
import { evaluateWithPacker } from '../support/packer-console.js';

// [expression typed into packer console, the value it evaluates to, what the console prints]
const table: [string, ReturnType<typeof s>, string][] = [
  ['"x"', s('x'), 'x'],
  ['"a\\nb"', s('a\nb'), 'a\nb'],
  ['"trail\\n"', s('trail\n'), 'trail\n'],
  ['""', s(''), ''],
  ['1+1', n(2), '2'],
  ['1.5', n(1.5), '1.5'],
  ['-0', n(-0), '0'],
  ['1e21', n(1e21), '1e+21'],
  ['2e-7', n(2e-7), '2e-07'],
  ['1/3', n(1 / 3), '0.3333333333333333'],
  // cty adds in 512-bit precision, so Packer's 0.1+0.2 is exactly 0.3
  ['0.1+0.2', n(0.3), '0.3'],
  ['0.30000000000000004', n(0.30000000000000004), '0.30000000000000004'],
  ['1234567.5', n(1234567.5), '1.2345675e+06'],
  ['0.0001', n(0.0001), '0.0001'],
  ['0.00001', n(0.00001), '1e-05'],
  ['1e100', n(1e100), '1e+100'],
  ['9007199254740992', n(9007199254740992), '9007199254740992'],
  ['1e16', n(1e16), '10000000000000000'],
  ['123456789012345678901234567890', n(123456789012345678901234567890), '1.2345678901234568e+29'],
  ['1e300*1e300', n(Infinity), '+Inf'],
  ['true', b(true), 'true'],
  ['null', nul(), 'null'],
  ['[]', tup(), '[]'],
  ['{}', obj({}), '{}'],
  ['[1, 2.5]', tup(n(1), n(2.5)), '[\n  1,\n  2.5,\n]'],
  ['["a\\"b", "c"]', tup(s('a"b'), s('c')), '[\n  "a\\"b",\n  "c",\n]'],
  ['[true, false, null]', tup(b(true), b(false), nul()), '[\n  true,\n  false,\n  null,\n]'],
  ['{a = 1, b = "x"}', obj({ a: n(1), b: s('x') }), '{\n  "a" = 1\n  "b" = "x"\n}'],
  ['{a = null}', obj({ a: nul() }), '{}'],
  ['{a = null, b = 1}', obj({ a: nul(), b: n(1) }), '{\n  "b" = 1\n}'],
  ['{"a b" = 1, c = true}', obj({ 'a b': n(1), c: b(true) }), '{\n  "a b" = 1\n  "c" = true\n}'],
  ['{"\\n" = 1}', obj({ '\n': n(1) }), '{\n  "\\n" = 1\n}'],
  ['[[], {}]', tup(tup(), obj({})), '[\n  [],\n  {},\n]'],
  ['{a = [], b = {}}', obj({ a: tup(), b: obj({}) }), '{\n  "a" = []\n  "b" = {}\n}'],
  [
    '[[1, [2]], {a = {b = []}}]',
    tup(tup(n(1), tup(n(2))), obj({ a: obj({ b: tup() }) })),
    '[\n  [\n    1,\n    [\n      2,\n    ],\n  ],\n  {\n    "a" = {\n      "b" = []\n    }\n  },\n]',
  ],
  [
    '[{name = "x", tags = ["a"]}, {name = "y", tags = []}]',
    tup(obj({ name: s('x'), tags: tup(s('a')) }), obj({ name: s('y'), tags: tup() })),
    '[\n  {\n    "name" = "x"\n    "tags" = [\n      "a",\n    ]\n  },\n  {\n    "name" = "y"\n    "tags" = []\n  },\n]',
  ],
  ['["a\\tb\\u0001\\u00e9\\u200b", "\\\\"]', tup(s('a\tb\u0001\u00e9\u200b'), s('\\')), '[\n  "a\\tb\\x01é\\u200b",\n  "\\\\",\n]'],
  ['[1e21, 0.5, -1.5e-7]', tup(n(1e21), n(0.5), n(-1.5e-7)), '[\n  1e+21,\n  0.5,\n  -1.5e-07,\n]'],
  ['{x = 1e300*1e300}', obj({ x: n(Infinity) }), '{\n  "x" = +Inf\n}'],
];

describe('formatValue', () => {
  it.each(table)('%s', (_expr, value, expected) => {
    expect(formatValue(value)).toBe(expected);
  });

  it('prints lists, sets and maps like tuples and objects', () => {
    expect(formatValue(list([s('a')]))).toBe('[\n  "a",\n]');
    expect(formatValue(map({ k: n(1) }))).toBe('{\n  "k" = 1\n}');
    expect(formatValue(list([], T.string))).toBe('[]');
  });

  it('prints <unknown> for a value that is not wholly known', () => {
    expect(formatValue(unk(T.string))).toBe('<unknown>');
    expect(formatValue(tup(n(1), unk()))).toBe('<unknown>');
  });

  it('hides sensitive values', () => {
    expect(formatValue(s('secret').mark('sensitive'))).toBe('<sensitive>');
    expect(formatValue(tup(s('secret').mark('sensitive'), s('open')))).toBe('[\n  "<sensitive>",\n  "open",\n]');
    expect(formatValue(obj({ a: s('secret').mark('sensitive') }))).toBe('{\n  "a" = "<sensitive>"\n}');
    expect(formatValue(tup(s('x')).mark('sensitive'))).toBe('[\n  "<sensitive>",\n]');
    expect(formatValue(n(42).mark('sensitive'))).toBe('<sensitive>');
  });

  it('keeps the known difference for inexact sums (values are doubles)', () => {
    expect(formatValue(n(0.1 + 0.2))).toBe('0.30000000000000004');
  });
});

describe('quoteGo', () => {
  it.each([
    ['plain', 'plain'],
    ['a"b', 'a\\"b'],
    ['\x07\b\f\n\r\t\v', '\\a\\b\\f\\n\\r\\t\\v'],
    ['\x7f', '\\x7f'],
    ['\u00a0', '\\u00a0'],
    ['é😀', 'é😀'],
    ['\u{e0001}', '\\U000e0001'],
  ])('%j', (input, inner) => {
    expect(quoteGo(input)).toBe(`"${inner}"`);
  });
});

needs(packer).describe('formatValue agrees with packer console', () => {
  it('prints every table entry as packer console does', async () => {
    const outputs = await evaluateWithPacker(table.map(([expr]) => expr));
    expect(table.map(([, value]) => `${formatValue(value)}\n`)).toEqual(outputs);
  }, 120_000);
});
