// Conversions between collection and structural types (lists, sets, maps, tuples, objects). Each
// function decides at type level whether a conversion exists (undefined when not) and returns the
// function that converts a known, non-null value.

import { type Type, Value, typeEquals } from './value.js';
import { ConversionError, type PathStep } from './conversion-error.js';
import { type Conversion, findConversion, hasOptionalAttributes, withoutOptional, convert } from './convert.js';
import { unifyTypes } from './unify.js';

type ObjectType = Extract<Type, { kind: 'object' }>;
type TupleType = Extract<Type, { kind: 'tuple' }>;
type MapType = Extract<Type, { kind: 'map' }>;
type SequenceKind = 'list' | 'set';

/** null: no conversion needed; undefined: no conversion exists. */
function elementConversion(from: Type, to: Type, unsafe: boolean): Conversion | null | undefined {
  if (typeEquals(from, to) && !hasOptionalAttributes(to)) return null;
  return findConversion(from, to, unsafe);
}

function index(path: readonly PathStep[], key: number | string): PathStep[] {
  return [...path, { kind: 'index', key }];
}

function apply(conv: Conversion | null, v: Value, path: readonly PathStep[]): Value {
  return conv ? conv(v, path) : v;
}

/**
 * Elements converted towards `elem` may still differ in type where `elem` contains `any`
 * (list(any) of [[1], ["a"]]); bring them to one type as cty does.
 */
function unifyElements(items: Value[], path: readonly PathStep[]): Value[] {
  const first = items[0]!.type;
  if (items.every((v) => typeEquals(v.type, first))) return items;
  const common = unifyTypes(items.map((v) => v.type));
  if (!common) throw new ConversionError('cannot find a common base type for all elements', path);
  return items.map((v) => convert(v, common));
}

function makeSequence(kind: SequenceKind, items: Value[], elem: Type, path: readonly PathStep[]): Value {
  if (items.length === 0) return kind === 'list' ? Value.list([], elem) : Value.set([], elem);
  const unified = unifyElements(items, path);
  return kind === 'list' ? Value.list(unified) : Value.set(unified);
}

function collectionToSequence(kind: SequenceKind, from: Type, to: Type, unsafe: boolean): Conversion | undefined {
  const conv = elementConversion(from, to, unsafe);
  if (conv === undefined) return undefined;
  const emptyElem = to.kind === 'dynamic' ? from : withoutOptional(to);
  return (v, path) => {
    const items = v.elements().map((e, i) => apply(conv, e, index(path, i)));
    return makeSequence(kind, items, emptyElem, path);
  };
}

export function convertCollectionToList(from: Type, to: Type, unsafe: boolean): Conversion | undefined {
  return collectionToSequence('list', from, to, unsafe);
}

export function convertCollectionToSet(from: Type, to: Type, unsafe: boolean): Conversion | undefined {
  return collectionToSequence('set', from, to, unsafe);
}

function tupleToSequence(kind: SequenceKind, from: TupleType, to: Type, unsafe: boolean): Conversion | undefined {
  if (from.elems.length === 0) {
    const elem = withoutOptional(to);
    return () => (kind === 'list' ? Value.list([], elem) : Value.set([], elem));
  }
  const target = to.kind === 'dynamic' ? unifyTypes(from.elems, { safe: !unsafe }) : to;
  if (!target) return undefined;
  const convs = from.elems.map((t) => elementConversion(t, target, unsafe));
  if (convs.some((c) => c === undefined)) return undefined;
  return (v, path) => {
    const items = v.elements().map((e, i) => apply(convs[i]!, e, index(path, i)));
    return makeSequence(kind, items, withoutOptional(target), path);
  };
}

export function convertTupleToList(from: TupleType, to: Type, unsafe: boolean): Conversion | undefined {
  return tupleToSequence('list', from, to, unsafe);
}

export function convertTupleToSet(from: TupleType, to: Type, unsafe: boolean): Conversion | undefined {
  return tupleToSequence('set', from, to, unsafe);
}

export function convertTupleToTuple(from: TupleType, to: TupleType, unsafe: boolean): Conversion | undefined {
  if (from.elems.length !== to.elems.length) return undefined;
  const convs = from.elems.map((t, i) => elementConversion(t, to.elems[i]!, unsafe));
  if (convs.some((c) => c === undefined)) return undefined;
  return (v, path) => Value.tuple(v.elements().map((e, i) => apply(convs[i]!, e, index(path, i))));
}

function makeMap(entries: Record<string, Value>, elem: Type, path: readonly PathStep[]): Value {
  const names = Object.keys(entries);
  if (names.length === 0) return Value.map({}, elem);
  const unified = unifyElements(Object.values(entries), path);
  return Value.map(Object.fromEntries(names.map((n, i) => [n, unified[i]!])));
}

export function convertMapToMap(from: Type, to: Type, unsafe: boolean): Conversion | undefined {
  const conv = elementConversion(from, to, unsafe);
  if (conv === undefined) return undefined;
  const emptyElem = to.kind === 'dynamic' ? from : withoutOptional(to);
  return (v, path) => {
    const entries: Record<string, Value> = {};
    for (const [k, e] of v.entries()) entries[k] = apply(conv, e, index(path, k));
    return makeMap(entries, emptyElem, path);
  };
}

export function convertObjectToMap(from: ObjectType, to: Type, unsafe: boolean): Conversion | undefined {
  const types = Object.values(from.attrs);
  if (types.length === 0) {
    const elem = withoutOptional(to);
    return () => Value.map({}, elem);
  }
  const target = to.kind === 'dynamic' ? unifyTypes(types, { safe: !unsafe }) : to;
  if (!target) return undefined;
  const convs = new Map<string, Conversion | null>();
  for (const [name, t] of Object.entries(from.attrs)) {
    const c = elementConversion(t, target, unsafe);
    if (c === undefined) return undefined;
    convs.set(name, c);
  }
  return (v, path) => {
    const entries: Record<string, Value> = {};
    for (const [k, e] of v.entries()) entries[k] = apply(convs.get(k) ?? null, e, index(path, k));
    return makeMap(entries, withoutOptional(target), path);
  };
}

/** Absent optional attributes get their default or null; null ones with a default get the default. */
function fillOptional(entries: Record<string, Value>, to: ObjectType, path: readonly PathStep[]): void {
  for (const name of to.optional ?? []) {
    const current = entries[name];
    const fallback = to.defaults?.[name];
    if (fallback !== undefined && (current === undefined || current.isNull)) {
      const attrPath: PathStep[] = [...path, { kind: 'attr', name }];
      const conv = elementConversion(fallback.type, to.attrs[name]!, true);
      if (conv === undefined) throw new ConversionError(`invalid default value: ${name}`, attrPath);
      entries[name] = apply(conv, fallback, attrPath);
    } else if (current === undefined) {
      entries[name] = Value.null(withoutOptional(to.attrs[name]!));
    }
  }
}

export function convertObjectToObject(from: ObjectType, to: ObjectType, unsafe: boolean): Conversion | undefined {
  const optional = new Set(to.optional ?? []);
  const convs = new Map<string, Conversion | null>();
  for (const [name, want] of Object.entries(to.attrs)) {
    const got = from.attrs[name];
    if (got === undefined) {
      if (optional.has(name)) continue;
      return undefined;
    }
    const c = elementConversion(got, want, unsafe);
    if (c === undefined) return undefined;
    convs.set(name, c);
  }
  return (v, path) => {
    const entries: Record<string, Value> = {};
    for (const [k, e] of v.entries()) {
      const conv = convs.get(k);
      if (conv !== undefined) entries[k] = apply(conv, e, [...path, { kind: 'attr', name: k }]);
    }
    fillOptional(entries, to, path);
    return Value.object(entries);
  };
}

export function convertMapToObject(from: MapType, to: ObjectType, unsafe: boolean): Conversion | undefined {
  const optional = new Set(to.optional ?? []);
  const convs = new Map<string, Conversion | null | undefined>();
  for (const [name, want] of Object.entries(to.attrs)) {
    const c = elementConversion(from.elem, want, unsafe);
    if (c === undefined && !optional.has(name)) return undefined;
    convs.set(name, c);
  }
  return (v, path) => {
    const entries: Record<string, Value> = {};
    for (const [k, e] of v.entries()) {
      if (!convs.has(k)) continue;
      const conv = convs.get(k);
      const attrPath = index(path, k);
      if (conv === undefined) {
        throw new ConversionError(`map element type is incompatible with attribute ${JSON.stringify(k)}`, attrPath);
      }
      entries[k] = apply(conv, e, attrPath);
    }
    for (const name of Object.keys(to.attrs)) {
      if (entries[name] === undefined && !optional.has(name)) {
        throw new ConversionError(`map has no element for required attribute ${JSON.stringify(name)}`, path);
      }
    }
    fillOptional(entries, to, path);
    return Value.object(entries);
  };
}
