// Set functions: setunion, setintersection, setsubtract, setproduct. Results are sets in cty's order.

import { convert, unifyTypes } from '../value/convert.js';
import { T, Value, equalValues, type Type } from '../value/value.js';
import { FunctionError, argError, define, param, type FunctionDef } from './types.js';

const setParam = (name: string) => param(name, T.set(T.dynamic));

function setResultType(args: Value[]): Type {
  const elems: Type[] = [];
  for (const a of args) {
    const elem = (a.type as { elem: Type }).elem;
    if (a.known && a.length === 0 && elem.kind === 'dynamic') continue;
    elems.push(elem);
  }
  if (elems.length === 0) return T.set(T.dynamic);
  const common = unifyTypes(elems);
  if (!common) throw new FunctionError('given sets must all have compatible element types');
  return T.set(common);
}

function setOperation(names: [string, string | undefined, string | undefined], op: (a: Value[], b: Value[]) => Value[]): FunctionDef {
  const [first, second, rest] = names;
  return define({
    params: second ? [setParam(first), setParam(second)] : [setParam(first)],
    varParam: rest ? setParam(rest) : undefined,
    returns: setResultType,
    impl(args) {
      const type = setResultType(args) as { kind: 'set'; elem: Type };
      const sets: Value[][] = args.map((a, i) => {
        try {
          return [...convert(a, type).elements()];
        } catch (e) {
          throw argError(i, (e as Error).message);
        }
      });
      const result = sets.slice(1).reduce(op, sets[0]!);
      return Value.set(result, type.elem);
    },
  });
}

const has = (list: Value[], v: Value) => list.some((x) => equalValues(x, v));

function productType(args: Value[]): Type {
  if (args.length < 2) throw new FunctionError('at least two arguments are required');
  let lists = 0;
  const elems = args.map((a, i): Type => {
    const t = a.type;
    if (t.kind === 'set') return t.elem;
    if (t.kind === 'list') {
      lists++;
      return t.elem;
    }
    if (t.kind === 'tuple') {
      lists++;
      if (t.elems.length === 0) return T.dynamic;
      const common = unifyTypes(t.elems);
      if (!common) throw argError(i, 'a set or a list is required');
      return common;
    }
    throw argError(i, 'a set or a list is required');
  });
  return lists === args.length ? T.list(T.tuple(elems)) : T.set(T.tuple(elems));
}

export const setFunctions: Record<string, FunctionDef> = {
  setunion: setOperation(['first_set', undefined, 'other_sets'], (a, b) => [...a, ...b.filter((v) => !has(a, v))]),
  setintersection: setOperation(['first_set', undefined, 'other_sets'], (a, b) => a.filter((v) => has(b, v))),
  setsubtract: setOperation(['a', 'b', undefined], (a, b) => a.filter((v) => !has(b, v))),
  setproduct: define({
    params: [],
    varParam: param('sets', T.dynamic),
    returns: productType,
    impl(args) {
      const type = productType(args) as { kind: 'list' | 'set'; elem: Type & { kind: 'tuple' } };
      const lists = args.map((a) => a.elements());
      let rows: Value[][] = [[]];
      for (const [j, list] of lists.entries()) {
        const ety = type.elem.elems[j]!;
        rows = rows.flatMap((row) => list.map((v) => [...row, convert(v, ety)]));
      }
      const tuples = lists.some((l) => l.length === 0) ? [] : rows.map((r) => Value.ofType(type.elem, r));
      return type.kind === 'list' ? Value.ofType(type, tuples) : Value.set(tuples, type.elem);
    },
  }),
};
