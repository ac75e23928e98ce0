// Finding the common type of several values (cty's convert.Unify), as needed by conditionals, lists
// written with mixed element types, `for` expressions and functions such as `concat`.

import { type Type, Value, T, typeEquals, isPrimitive } from './value.js';
import { convert, findConversion } from './convert.js';

export interface UnifyOptions {
  /** Only safe conversions (no string to number, list to set, map to object). HCL expressions unify unsafely. */
  safe?: boolean;
}

/**
 * The type all the given types convert to, or undefined when there is none (or the list is empty).
 * Values of type `any` (null or unknown) take part without deciding the type.
 */
export function unifyTypes(types: readonly Type[], opts: UnifyOptions = {}): Type | undefined {
  return unify(types, !opts.safe);
}

/** The values converted to their common type; undefined when they have none. */
export function unifyValues(values: readonly Value[], opts: UnifyOptions = {}): { type: Type; values: Value[] } | undefined {
  const type = unifyTypes(
    values.map((v) => v.type),
    opts,
  );
  if (!type) return undefined;
  return { type, values: values.map((v) => convert(v, type)) };
}

/** A list of the values, converted to their common type (as `tolist`). Throws ConversionError. */
export function makeList(values: readonly Value[], elemIfEmpty: Type = T.dynamic): Value {
  if (values.length === 0) return Value.list([], elemIfEmpty);
  return convert(Value.tuple(values), T.list(T.dynamic));
}

/** A set of the values, converted to their common type (as `toset`). Throws ConversionError. */
export function makeSet(values: readonly Value[], elemIfEmpty: Type = T.dynamic): Value {
  if (values.length === 0) return Value.set([], elemIfEmpty);
  return convert(Value.tuple(values), T.set(T.dynamic));
}

function unify(types: readonly Type[], unsafe: boolean): Type | undefined {
  if (types.length === 0) return undefined;
  const objects = types.filter((t) => t.kind === 'object');
  const tuples = types.filter((t) => t.kind === 'tuple');
  const dynamics = types.filter((t) => t.kind === 'dynamic').length;
  if (objects.length > 0 && tuples.length > 0) return undefined;
  if (objects.length > 0 && objects.length + dynamics === types.length) return unifyObjects(objects, unsafe);
  if (tuples.length > 0 && tuples.length + dynamics === types.length) return unifyTuples(tuples, unsafe);

  for (const candidate of preferenceOrder(types)) {
    const want = types[candidate]!;
    if (types.every((t) => convertsTo(t, want, unsafe))) return want;
  }
  return undefined;
}

function convertsTo(from: Type, to: Type, unsafe: boolean): boolean {
  return typeEquals(from, to) || from.kind === 'dynamic' || findConversion(from, to, unsafe) !== undefined;
}

function allConvert(types: readonly Type[], to: Type, unsafe: boolean): Type | undefined {
  return types.every((t) => convertsTo(t, to, unsafe)) ? to : undefined;
}

function unifyObjects(types: Type[], unsafe: boolean): Type | undefined {
  const attrsOf = (t: Type) => (t as Extract<Type, { kind: 'object' }>).attrs;
  const names = Object.keys(attrsOf(types[0]!)).sort();
  const sameNames = types.every((t) => {
    const other = Object.keys(attrsOf(t));
    return other.length === names.length && other.every((n) => names.includes(n));
  });
  if (!sameNames) {
    const elem = unify(types.flatMap((t) => Object.values(attrsOf(t))), unsafe);
    return elem && allConvert(types, T.map(elem), unsafe);
  }
  const attrs: Record<string, Type> = {};
  for (const name of names) {
    const attr = unify(
      types.map((t) => attrsOf(t)[name]!),
      unsafe,
    );
    if (!attr) return undefined;
    attrs[name] = attr;
  }
  return T.object(attrs);
}

function unifyTuples(types: Type[], unsafe: boolean): Type | undefined {
  const elemsOf = (t: Type) => (t as Extract<Type, { kind: 'tuple' }>).elems;
  const length = elemsOf(types[0]!).length;
  if (!types.every((t) => elemsOf(t).length === length)) {
    const elem = unify(types.flatMap(elemsOf), unsafe);
    return elem && allConvert(types, T.list(elem), unsafe);
  }
  const elems: Type[] = [];
  for (let i = 0; i < length; i++) {
    const elem = unify(
      types.map((t) => elemsOf(t)[i]!),
      unsafe,
    );
    if (!elem) return undefined;
    elems.push(elem);
  }
  return T.tuple(elems);
}

/** Indices of `types`, most general first (a topological order of "converts to"). */
function preferenceOrder(types: readonly Type[]): number[] {
  const edges: number[][] = types.map(() => []);
  const inDegree = types.map(() => 0);
  for (let i = 0; i < types.length; i++) {
    for (let j = i + 1; j < types.length; j++) {
      const cmp = compareGenerality(types[i]!, types[j]!);
      if (cmp < 0) edges[i]!.push(j);
      else if (cmp > 0) edges[j]!.push(i);
    }
  }
  for (const outs of edges) for (const j of outs) inDegree[j]!++;
  const order = inDegree.flatMap((d, i) => (d === 0 ? [i] : []));
  for (let k = 0; k < order.length; k++) {
    for (const j of edges[order[k]!]!) if (--inDegree[j]! === 0) order.push(j);
  }
  return order;
}

/** Negative when `a` is the more general type (preferred as the result), positive when `b` is. */
function compareGenerality(a: Type, b: Type): number {
  if (a.kind === 'dynamic' || b.kind === 'dynamic') return a.kind === b.kind ? 0 : a.kind === 'dynamic' ? 1 : -1;
  if (isPrimitive(a) && isPrimitive(b)) {
    if (a.kind === 'string' || b.kind === 'string') return a.kind === b.kind ? 0 : a.kind === 'string' ? -1 : 1;
    return 0;
  }
  if ((a.kind === 'list' || a.kind === 'set' || a.kind === 'map') && a.kind === b.kind) {
    return compareGenerality(a.elem, (b as typeof a).elem);
  }
  const rank = (t: Type) => (t.kind === 'list' || t.kind === 'map' ? 0 : t.kind === 'tuple' || t.kind === 'object' ? 1 : 2);
  const family = (t: Type) => (t.kind === 'map' || t.kind === 'object' ? 'mapping' : t.kind === 'dynamic' || isPrimitive(t) ? '' : 'sequence');
  if (a.kind !== b.kind && family(a) !== '' && family(a) === family(b)) {
    // lists and tuples are preferred over sets, lists over tuples, maps over objects
    return rank(a) - rank(b) < 0 ? -1 : 1;
  }
  if (a.kind === 'object' && b.kind === 'object') return compareMembers(a.attrs, b.attrs);
  if (a.kind === 'tuple' && b.kind === 'tuple') {
    if (a.elems.length !== b.elems.length) return 0;
    return compareMembers(Object.fromEntries(a.elems.entries()), Object.fromEntries(b.elems.entries()));
  }
  return 0;
}

function compareMembers(a: Record<string, Type>, b: Record<string, Type>): number {
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length || keys.some((k) => !(k in b))) return 0;
  let aWider = false;
  let bWider = false;
  for (const k of keys) {
    const cmp = compareGenerality(a[k]!, b[k]!);
    if (cmp < 0) aWider = true;
    else if (cmp > 0) bWider = true;
  }
  return aWider === bWider ? 0 : aWider ? -1 : 1;
}
