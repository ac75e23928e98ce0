import { describe, expect, it } from 'vitest';
import { formatNumber, formatNumberForDisplay, parseNumber } from '../../src/value/number-format.js';
import { needs, packer } from '../support/needs.js';
import { evaluateWithPacker } from '../support/packer-console.js';

// [HCL literal, value, text of the number converted to a string]
const strings: [string, number, string][] = [
  ['43', 43, '43'],
  ['1.5', 1.5, '1.5'],
  ['-0.5', -0.5, '-0.5'],
  ['0.1', 0.1, '0.1'],
  ['1e21', 1e21, '1000000000000000000000'],
  ['2e-7', 2e-7, '0.0000002'],
  ['1e-10', 1e-10, '0.0000000001'],
  ['123456.789', 123456.789, '123456.789'],
  ['1000000000000000.5', 1000000000000000.5, '1000000000000000.5'],
  ['9007199254740992', 9007199254740992, '9007199254740992'],
  ['-1e22', -1e22, '-10000000000000000000000'],
  ['100', 100, '100'],
];

describe('formatNumber', () => {
  it.each(strings)('%s', (_literal, value, expected) => {
    expect(formatNumber(value)).toBe(expected);
  });
  it('writes infinities as Go does', () => {
    expect(formatNumber(Infinity)).toBe('+Inf');
    expect(formatNumber(-Infinity)).toBe('-Inf');
    expect(formatNumber(0)).toBe('0');
  });
});

describe('formatNumberForDisplay', () => {
  it.each([
    [42, '42'],
    [-7, '-7'],
    [1e21, '1e+21'],
    [2e-7, '2e-07'],
    [1234567.5, '1.2345675e+06'],
    [123456.5, '123456.5'],
    [0.0001, '0.0001'],
    [0.00001, '1e-05'],
    [2 ** 63, '9.223372036854776e+18'],
    [-(2 ** 62), '-4611686018427387904'],
    [1e100, '1e+100'],
    [-Infinity, '-Inf'],
  ])('%d', (value, expected) => {
    expect(formatNumberForDisplay(value)).toBe(expected);
  });
});

describe('parseNumber', () => {
  it.each([
    ['1.5', 1.5],
    ['1e3', 1000],
    ['.5', 0.5],
    ['5.', 5],
    ['+5', 5],
    ['-2', -2],
    ['1p3', 8],
    ['1.5P-1', 0.75],
    ['Inf', Infinity],
    ['-inf', -Infinity],
    ['0009', 9],
  ])('%s', (text, expected) => {
    expect(parseNumber(text)).toBe(expected);
  });
  it.each(['', ' 1', '1 ', '0x10', '1_000', 'abc', '.', '1e', 'e5', 'NaN', '--1', '1.2.3'])('rejects %j', (text) => {
    expect(parseNumber(text)).toBeUndefined();
  });
});

needs(packer).describe('number text agrees with packer', () => {
  it('converts numbers to strings as packer does (join)', async () => {
    const outputs = await evaluateWithPacker(strings.map(([literal]) => `join("", [${literal}])`));
    expect(strings.map(([, , text]) => `${text}\n`)).toEqual(outputs);
  }, 60_000);

  it('reads strings as numbers as packer does (arithmetic on strings)', async () => {
    const inputs = ['1e3', '.5', '5.', '+5', '1p3', ' 1', '0x10', '1_000', 'abc', '1e'];
    const outputs = await evaluateWithPacker(inputs.map((t) => `"${t}" + 0`));
    const ours = inputs.map((t) => {
      const v = parseNumber(t);
      return v === undefined ? 'a number is required' : `${formatNumberForDisplay(v)}\n`;
    });
    expect(ours).toEqual(outputs.map((o) => (o.includes('a number is required') ? 'a number is required' : o)));
  }, 60_000);
});
