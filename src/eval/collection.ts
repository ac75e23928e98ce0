import { unifyValues } from '../value/convert.js';
import { T, Value, type Type } from '../value/value.js';

/** The items of a list, set or tuple, or the entries of a map or object, as (key, value) pairs. */
export function iterate(v: Value): [Value, Value][] {
  if (v.raw instanceof Map) return v.entries().map(([k, x]) => [Value.string(k), x]);
  return v.elements().map((x, i) => [Value.number(i), x]);
}

export function isIterable(t: Type): boolean {
  return ['list', 'set', 'tuple', 'map', 'object'].includes(t.kind);
}

/** A list when every element has (or converts to) one type, as HCL builds splat results from lists; else a tuple. */
export function listOrTuple(items: Value[]): Value {
  if (items.length === 0) return Value.list([], T.dynamic);
  const unified = unifyValues(items);
  return unified ? Value.list(unified.values, unified.type) : Value.tuple(items);
}
