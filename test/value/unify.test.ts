import { describe, expect, it } from 'vitest';
import { T, typeExpression, type Type, type Value } from '../../src/value/value.js';
import { unifyTypes, unifyValues, makeList, makeSet, ConversionError } from '../../src/value/convert.js';
import { formatValue } from '../../src/value/format.js';
import { s, n, b, tup, obj, nul } from './build.js';
import { needs, packer } from '../support/needs.js';
import { evaluateWithPacker } from '../support/packer-console.js';

describe('unifyTypes', () => {
  const cases: [string, Type[], string | undefined][] = [
    ['equal types', [T.number, T.number], 'number'],
    ['string wins over number', [T.number, T.string], 'string'],
    ['string wins over bool', [T.bool, T.string], 'string'],
    ['number and bool do not unify', [T.number, T.bool], undefined],
    ['dynamic is ignored', [T.dynamic, T.number], 'number'],
    ['all dynamic', [T.dynamic, T.dynamic], 'any'],
    ['no types', [], undefined],
    ['objects with the same attributes', [T.object({ a: T.number }), T.object({ a: T.string })], 'object({a=string})'],
    ['objects with different attributes become a map', [T.object({ a: T.number }), T.object({ b: T.string })], 'map(string)'],
    ['objects whose attributes cannot unify', [T.object({ a: T.number }), T.object({ b: T.tuple([T.number]) })], undefined],
    ['tuples of one length', [T.tuple([T.number]), T.tuple([T.string])], 'tuple([string])'],
    ['tuples of different lengths become a list', [T.tuple([T.number]), T.tuple([T.string, T.number])], 'list(string)'],
    ['tuples whose elements cannot unify', [T.tuple([T.number]), T.tuple([T.bool])], undefined],
    ['object and tuple never unify', [T.object({}), T.tuple([])], undefined],
    ['list and tuple give the list', [T.list(T.string), T.tuple([T.string, T.string])], 'list(string)'],
    ['map and object give the map', [T.map(T.number), T.object({ a: T.number })], 'map(number)'],
    ['list element types unify', [T.list(T.number), T.list(T.string)], 'list(string)'],
    ['object with dynamic', [T.object({ a: T.number }), T.dynamic], 'object({a=number})'],
  ];
  it.each(cases)('%s', (_name, types, expected) => {
    const got = unifyTypes(types);
    expect(got && typeExpression(got)).toBe(expected);
  });

  it('safe unification uses only safe conversions', () => {
    expect(unifyTypes([T.list(T.number), T.set(T.string)], { safe: true })).toBeUndefined();
    expect(typeExpression(unifyTypes([T.list(T.number), T.set(T.string)])!)).toBe('list(number)');
    expect(typeExpression(unifyTypes([T.list(T.string), T.set(T.string)])!)).toBe('list(string)');
  });
});

describe('unifyValues, makeList, makeSet', () => {
  it('converts each value to the common type', () => {
    const r = unifyValues([n(1), s('a'), nul()])!;
    expect(typeExpression(r.type)).toBe('string');
    expect(r.values.map((v) => (v.isNull ? null : v.asString()))).toEqual(['1', 'a', null]);
    expect(r.values[2]!.type).toEqual(T.string);
  });
  it('returns undefined when there is no common type', () => {
    expect(unifyValues([n(1), b(true)])).toBeUndefined();
  });
  it('makeList builds a list of the common type', () => {
    const l = makeList([n(1), s('2')]);
    expect(typeExpression(l.type)).toBe('list(string)');
    expect(makeList([], T.number).type).toEqual(T.list(T.number));
  });
  it('makeList fails as tolist does', () => {
    expect(() => makeList([n(1), b(true)])).toThrow(new ConversionError('all list elements must have the same type'));
  });
  it('makeSet removes duplicates after conversion', () => {
    expect(makeSet([n(1), s('1'), s('b')]).elements().map((e) => e.asString())).toEqual(['1', 'b']);
  });
});

// `true ? A : B` in Packer unifies A and B and prints A converted to the common type.
const conditionals: [string, string, Value, Value][] = [
  ['1', '"a"', n(1), s('a')],
  ['"a"', 'true', s('a'), b(true)],
  ['{a=1}', '{b=2}', obj({ a: n(1) }), obj({ b: n(2) })],
  ['{a=1}', '{b="x"}', obj({ a: n(1) }), obj({ b: s('x') })],
  ['{a=1}', '{a="x"}', obj({ a: n(1) }), obj({ a: s('x') })],
  ['[1]', '["a",2]', tup(n(1)), tup(s('a'), n(2))],
  ['[1, true]', '["a", "b"]', tup(n(1), b(true)), tup(s('a'), s('b'))],
  ['null', '5', nul(), n(5)],
  ['[{a=1}]', '[{a="x"}]', tup(obj({ a: n(1) })), tup(obj({ a: s('x') }))],
];

needs(packer).describe('unification agrees with packer console conditionals', () => {
  it('prints the same converted value', async () => {
    const exprs = conditionals.map(([a, bExpr]) => `true ? ${a} : ${bExpr}`);
    const outputs = await evaluateWithPacker(exprs);
    const ours = conditionals.map(([, , a, bVal]) => {
      const u = unifyValues([a, bVal]);
      return u ? `${formatValue(u.values[0]!)}\n` : 'no common type';
    });
    expect(ours).toEqual(outputs.map((o) => (o.includes('Inconsistent conditional result types') ? 'no common type' : o)));
  }, 60_000);

  it('rejects the same pairs as packer', async () => {
    const pairs: [string, string, Value, Value][] = [
      ['1', 'true', n(1), b(true)],
      ['[1]', '[true]', tup(n(1)), tup(b(true))],
      ['{a=1}', '{b=[1]}', obj({ a: n(1) }), obj({ b: tup(n(1)) })],
    ];
    const outputs = await evaluateWithPacker(pairs.map(([a, bExpr]) => `true ? ${a} : ${bExpr}`));
    for (const o of outputs) expect(o).toContain('Inconsistent conditional result types');
    for (const [, , a, bVal] of pairs) expect(unifyValues([a, bVal])).toBeUndefined();
  }, 60_000);
});
