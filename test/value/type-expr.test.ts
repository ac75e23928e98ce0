import { describe, expect, it } from 'vitest';
import type { Expression, Range } from '../../src/hcl/ast.js';
import { typeExpression, type Type } from '../../src/value/value.js';
import { typeFromExpression } from '../../src/value/type-expr.js';
import { convert } from '../../src/value/convert.js';
import { valueToJSON } from '../../src/value/json.js';
import { obj, s } from './build.js';

// Syntax-tree builders; each node gets a distinct range so diagnostics can be checked against it.
let offset = 0;
function range(): Range {
  offset += 10;
  return { filename: 't.pkr.hcl', start: { line: 2, column: offset, offset }, end: { line: 2, column: offset + 5, offset: offset + 5 } };
}
const kw = (name: string): Expression => ({ kind: 'variable', name, range: range() });
const call = (name: string, ...args: Expression[]): Expression & { kind: 'call' } => ({
  kind: 'call',
  name,
  nameRange: range(),
  args,
  expandFinal: false,
  range: range(),
});
const tuple = (...items: Expression[]): Expression => ({ kind: 'tuple', items, range: range() });
const key = (name: string): Expression => ({ kind: 'literal', value: name, bareKey: true, range: range() });
const object = (...items: [Expression, Expression][]): Expression => ({
  kind: 'object',
  items: items.map(([k, value]) => ({ key: k, value, sep: '=' })),
  range: range(),
});
const num = (value: number): Expression => ({ kind: 'literal', value, raw: String(value), range: range() });
const str = (value: string): Expression => ({ kind: 'template', parts: [{ kind: 'tliteral', value, range: range() }], range: range() });

function read(expr: Expression, opts = {}): { type: string; errors: string[] } {
  const r = typeFromExpression(expr, opts);
  return { type: typeExpression(r.type), errors: r.diagnostics.map((d) => `${d.summary}: ${d.detail}`) };
}

describe('typeFromExpression: valid types', () => {
  const cases: [string, Expression, string][] = [
    ['string', kw('string'), 'string'],
    ['number', kw('number'), 'number'],
    ['bool', kw('bool'), 'bool'],
    ['any', kw('any'), 'any'],
    ['list(string)', call('list', kw('string')), 'list(string)'],
    ['set(number)', call('set', kw('number')), 'set(number)'],
    ['map(list(bool))', call('map', call('list', kw('bool'))), 'map(list(bool))'],
    ['tuple([string, number])', call('tuple', tuple(kw('string'), kw('number'))), 'tuple([string, number])'],
    ['tuple([])', call('tuple', tuple()), 'tuple([])'],
    ['object({name = string, n = number})', call('object', object([key('name'), kw('string')], [key('n'), kw('number')])), 'object({n=number, name=string})'],
    ['object({})', call('object', object()), 'object({})'],
    ['list(object({a = map(string)}))', call('list', call('object', object([key('a'), call('map', kw('string'))]))), 'list(object({a=map(string)}))'],
    ['object with a keyword-named attribute', call('object', object([key('list'), kw('string')])), 'object({list=string})'],
  ];
  it.each(cases)('%s', (_src, expr, expected) => {
    expect(read(expr)).toEqual({ type: expected, errors: [] });
  });
});

const INVALID = 'Invalid type specification';
const GENERIC = 'A type specification is either a primitive type keyword (bool, number, string) or a complex type constructor call, like list(string).';

describe('typeFromExpression: invalid types, worded as Packer words them', () => {
  const cases: [string, Expression, string][] = [
    ['"string"', str('string'), GENERIC],
    ['1', num(1), GENERIC],
    ['foo', kw('foo'), 'The keyword "foo" is not a valid type specification.'],
    ['list', kw('list'), 'The list type constructor requires one argument specifying the element type.'],
    ['map', kw('map'), 'The map type constructor requires one argument specifying the element type.'],
    ['set()', call('set'), 'The set type constructor requires one argument specifying the element type.'],
    ['list(string, number)', call('list', kw('string'), kw('number')), 'The list type constructor requires one argument specifying the element type.'],
    ['string(1)', call('string', num(1)), 'Primitive type keyword "string" does not expect arguments.'],
    ['object', kw('object'), 'The object type constructor requires one argument specifying the attribute types and values as a map.'],
    ['tuple', kw('tuple'), 'The tuple type constructor requires one argument specifying the element types as a list.'],
    ['object(string)', call('object', kw('string')), 'Object type constructor requires a map whose keys are attribute names and whose values are the corresponding attribute types.'],
    ['object({"a b" = string})', call('object', object([str('a b'), kw('string')])), 'Object constructor map keys must be attribute names.'],
    ['tuple(string)', call('tuple', kw('string')), 'Tuple type constructor requires a list of element types.'],
    ['foo(string)', call('foo', kw('string')), 'Keyword "foo" is not a valid type constructor.'],
    ['optional(string)', call('optional', kw('string')), 'Keyword "optional" is valid only as a modifier for object type attributes.'],
    ['list(foo)', call('list', kw('foo')), 'The keyword "foo" is not a valid type specification.'],
  ];
  it.each(cases)('%s', (_src, expr, detail) => {
    expect(read(expr).errors).toEqual([`${INVALID}: ${detail}`]);
  });

  it('gives any in place of the invalid part', () => {
    expect(read(kw('foo')).type).toBe('any');
    expect(read(call('list', kw('foo'))).type).toBe('list(any)');
  });

  it('points at the offending expression', () => {
    const inner = kw('foo');
    const r = typeFromExpression(call('list', inner));
    expect(r.diagnostics[0]!.range).toEqual(inner.range);
    expect(r.diagnostics[0]!.severity).toBe('error');
  });

  it('reports every bad attribute of an object', () => {
    const r = read(call('object', object([key('a'), kw('foo')], [key('b'), kw('bar')])));
    expect(r.errors).toEqual([
      `${INVALID}: The keyword "foo" is not a valid type specification.`,
      `${INVALID}: The keyword "bar" is not a valid type specification.`,
    ]);
  });
});

describe('typeFromExpression: Packer 1.6.6 exact types', () => {
  const exact = { allowAny: false, allowOptional: false };
  it('rejects any', () => {
    expect(read(call('list', kw('any')), exact).errors).toEqual([
      `${INVALID}: The keyword "any" cannot be used in this type specification: an exact type is required.`,
    ]);
  });
  it('does not know optional', () => {
    expect(read(call('object', object([key('a'), call('optional', kw('string'))])), exact).errors).toEqual([
      `${INVALID}: Keyword "optional" is not a valid type constructor.`,
    ]);
  });
});

describe('typeFromExpression: optional attributes', () => {
  function objectType(expr: Expression): Type {
    const r = typeFromExpression(expr);
    expect(r.diagnostics).toEqual([]);
    return r.type;
  }

  it('marks optional attributes and keeps defaults converted to the attribute type', () => {
    const t = objectType(
      call('object', object([key('name'), kw('string')], [key('port'), call('optional', kw('number'), str('22'))], [key('tag'), call('optional', kw('string'))])),
    );
    expect(t).toMatchObject({ kind: 'object', optional: ['port', 'tag'] });
    if (t.kind !== 'object') throw new Error('not an object');
    expect(t.defaults!.port!.asNumber()).toBe(22);
    expect(valueToJSON(convert(obj({ name: s('x') }), t))).toBe('{"name":"x","port":22,"tag":null}');
  });

  it('accepts structured defaults', () => {
    const t = objectType(call('object', object([key('tags'), call('optional', call('list', kw('string')), tuple(str('a'), num(1)))])));
    expect(valueToJSON(convert(obj({}), t))).toBe('{"tags":["a","1"]}');
  });

  it('rejects defaults of the wrong type', () => {
    const r = read(call('object', object([key('n'), call('optional', kw('number'), str('x'))])));
    expect(r.errors).toEqual([
      "Invalid default value for optional attribute: This default value is not compatible with the attribute's type constraint: a number is required.",
    ]);
  });

  it('rejects defaults that are not constant', () => {
    const r = read(call('object', object([key('n'), call('optional', kw('string'), kw('var'))])));
    expect(r.errors).toEqual(['Variables not allowed: Variables may not be used here.']);
  });

  it('rejects optional with too many or no arguments', () => {
    expect(read(call('object', object([key('n'), call('optional')]))).errors).toEqual([
      `${INVALID}: Optional attribute modifier requires the attribute type as its first argument.`,
    ]);
    expect(read(call('object', object([key('n'), call('optional', kw('string'), str('a'), str('b'))]))).errors).toEqual([
      `${INVALID}: Optional attribute modifier expects at most two arguments: the attribute type, and a default value.`,
    ]);
  });
});
