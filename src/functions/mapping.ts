// Functions over maps and objects: keys, values, lookup, merge, zipmap, transpose.

import { convert, tryConvert } from '../value/convert.js';
import { T, Value, typeEquals, typeName, type Type } from '../value/value.js';
import { quoteGo as goQuote } from '../value/format.js';
import { FunctionError, argError, define, param, type FunctionDef } from './types.js';

const any = (name: string, options = {}) => param(name, T.dynamic, options);

function lookupType(args: Value[]): Type {
  if (args.length > 3) throw new FunctionError('lookup() takes no more than three arguments');
  const [m, k, d] = args;
  const t = m!.type;
  if (t.kind === 'object') {
    if (!k!.known) return T.dynamic;
    const key = k!.asString();
    if (key in t.attrs) return t.attrs[key]!;
    if (d) return d.type;
    throw argError(0, `the given object has no attribute ${goQuote(key)}`);
  }
  if (t.kind === 'map') {
    if (d && !tryConvert(d, t.elem)) throw argError(2, 'the default value must have the same type as the map elements');
    return t.elem;
  }
  if (t.kind === 'dynamic') return T.dynamic;
  throw argError(0, 'lookup() requires a map as the first argument');
}

function mergeType(args: Value[]): Type {
  if (args.length === 0) return T.emptyObject;
  const attrs: Record<string, Type> = {};
  let matching = true;
  for (const [i, arg] of args.entries()) {
    const t = arg.type;
    if (t.kind === 'dynamic') return T.dynamic;
    if (t.kind === 'object' && !arg.isNull) Object.assign(attrs, t.attrs);
    else if (t.kind === 'map') {
      if (!arg.isNull) for (const [k] of arg.entries()) attrs[k] = t.elem;
    } else if (t.kind !== 'object') {
      throw argError(i, `arguments must be maps or objects, got ${goQuote(typeName(t))}`);
    }
    if (i > 0 && !typeEquals(t, args[0]!.type)) matching = false;
  }
  return matching ? args[0]!.type : T.object(attrs);
}

function zipmapType([keys, values]: Value[]): Type {
  const t = values!.type;
  if (t.kind === 'list') return T.map(t.elem);
  if (t.kind === 'tuple') {
    if (!keys!.isWhollyKnown) return T.dynamic;
    const names = keys!.elements().map((k) => k.asString());
    if (names.length !== t.elems.length) {
      throw new FunctionError(`number of keys (${names.length}) does not match number of values (${t.elems.length})`);
    }
    const attrs: Record<string, Type> = {};
    names.forEach((n, i) => (attrs[n] = t.elems[i]!));
    return T.object(attrs);
  }
  if (t.kind === 'dynamic') return T.dynamic;
  throw new FunctionError('values argument must be a list or tuple value');
}

export const mappingFunctions: Record<string, FunctionDef> = {
  keys: define({
    params: [any('inputMap', { allowMarked: true })],
    returns([m]) {
      const t = m!.type;
      if (t.kind === 'map') return T.list(T.string);
      if (t.kind === 'object') return T.tuple(Object.keys(t.attrs).map(() => T.string));
      if (t.kind === 'dynamic') return T.dynamic;
      throw argError(0, 'must have map or object type');
    },
    impl([m]) {
      const v = m!.unmark();
      const keys = v.entries().map(([k]) => Value.string(k));
      return (v.type.kind === 'map' ? Value.list(keys, T.string) : Value.tuple(keys)).withMarks(m!.marks);
    },
  }),
  values: define({
    params: [any('values')],
    returns([m]) {
      const t = m!.type;
      if (t.kind === 'map') return T.list(t.elem);
      if (t.kind === 'object') return T.tuple(Object.keys(t.attrs).sort().map((k) => t.attrs[k]!));
      if (t.kind === 'dynamic') return T.dynamic;
      throw new FunctionError('values() requires a map as the first argument');
    },
    impl([m]) {
      const vals = m!.entries().map(([, v]) => v);
      return m!.type.kind === 'map' ? Value.ofType(T.list((m!.type as { elem: Type }).elem), vals) : Value.tuple(vals);
    },
  }),
  lookup: define({
    params: [any('inputMap'), param('key', T.string)],
    varParam: any('default', { allowNull: true }),
    returns: lookupType,
    impl(args) {
      const type = lookupType(args);
      const [m, k, d] = args;
      const key = k!.asString();
      const found = m!.get(key);
      if (found) return found;
      if (d) return convert(d, type);
      throw new FunctionError(`lookup failed to find key ${goQuote(key)}`);
    },
  }),
  merge: define({
    params: [],
    varParam: any('maps', { allowNull: true }),
    returns: mergeType,
    impl(args) {
      const type = mergeType(args);
      const out = new Map<string, Value>();
      for (const arg of args) if (!arg.isNull) for (const [k, v] of arg.entries()) out.set(k, v);
      if (type.kind === 'map') return out.size === 0 ? Value.map({}, type.elem) : Value.ofType(type, out);
      return Value.object(out);
    },
  }),
  zipmap: define({
    params: [param('keys', T.list(T.string)), any('values')],
    returns: zipmapType,
    impl(args) {
      const type = zipmapType(args);
      const keys = args[0]!.elements().map((k) => k.asString());
      const values = args[1]!.elements();
      if (keys.length !== values.length) {
        throw new FunctionError(`number of keys (${keys.length}) does not match number of values (${values.length})`);
      }
      const out = new Map<string, Value>();
      keys.forEach((k, i) => out.set(k, values[i]!));
      if (type.kind === 'map') return out.size === 0 ? Value.map({}, type.elem) : Value.ofType(type, out);
      return Value.object(out);
    },
  }),
  transpose: define({
    params: [param('values', T.map(T.list(T.string)))],
    returns: T.map(T.list(T.string)),
    impl([m]) {
      const out = new Map<string, string[]>();
      for (const [key, list] of m!.entries()) {
        for (const item of list.elements()) {
          if (item.isNull) throw new FunctionError('input must be a map of lists of strings');
          const k = item.asString();
          out.set(k, [...(out.get(k) ?? []), key]);
        }
      }
      const entries = [...out].map(([k, ks]): [string, Value] => [k, Value.list(ks.map((s) => Value.string(s)), T.string)]);
      return Value.map(new Map(entries), T.list(T.string));
    },
  }),
};

