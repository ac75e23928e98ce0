// Type conversion of values, following go-cty's convert package: which conversions exist between two
// types (safe ones never lose information; unsafe ones, such as string to number, may fail on a value),
// what they produce, and how a failure is worded.

import { type Type, Value, typeEquals, isPrimitive } from './value.js';
import { ConversionError, type PathStep } from './conversion-error.js';
import { formatNumber, parseNumber } from './number-format.js';
import { mismatchMessage } from './mismatch.js';
import {
  convertCollectionToList,
  convertCollectionToSet,
  convertMapToMap,
  convertMapToObject,
  convertObjectToMap,
  convertObjectToObject,
  convertTupleToList,
  convertTupleToSet,
  convertTupleToTuple,
} from './convert-structural.js';

export { ConversionError, formatPath, type PathStep } from './conversion-error.js';
export { unifyTypes, unifyValues, makeList, makeSet } from './unify.js';
export { mismatchMessage, constraintName } from './mismatch.js';

/** Converts a known, non-null, unmarked value; throws ConversionError. */
export type Conversion = (v: Value, path: readonly PathStep[]) => Value;

/**
 * Converts `v` to type `want` (safe and unsafe conversions allowed, as cty's Convert). Null and unknown
 * values become null and unknown values of the wanted type; marks are kept. Converting to an object type
 * drops attributes it does not declare and fills absent optional attributes with their default or null.
 * Throws ConversionError.
 */
export function convert(v: Value, want: Type): Value {
  if (typeEquals(v.type, want) && !hasOptionalAttributes(want)) return v;
  const conv = findConversion(v.type, want, true);
  if (!conv) throw new ConversionError(mismatchMessage(v.type, want));
  return conv(v, []);
}

/** The converted value, or undefined when the conversion fails. */
export function tryConvert(v: Value, want: Type): Value | undefined {
  try {
    return convert(v, want);
  } catch (e) {
    if (e instanceof ConversionError) return undefined;
    throw e;
  }
}

/** True when a conversion between the types exists (it may still fail on some values if unsafe). */
export function canConvert(from: Type, to: Type, opts: { safe?: boolean } = {}): boolean {
  return typeEquals(from, to) || findConversion(from, to, !opts.safe) !== undefined;
}

/** The conversion from one type to another, or undefined when there is none. */
export function findConversion(from: Type, to: Type, unsafe: boolean): Conversion | undefined {
  const conv = findKnownConversion(from, to, unsafe);
  if (!conv) return undefined;
  const wrapped: Conversion = (v, path) => {
    if (v.marks.size > 0) return wrapped(v.unmark(), path).withMarks(v.marks);
    if (to.kind === 'dynamic') return v;
    if (!v.known) return Value.unknown(replaceDynamic(v.type, withoutOptional(to)));
    if (v.isNull) return Value.null(replaceDynamic(v.type, withoutOptional(to)));
    return conv(v, path);
  };
  return wrapped;
}

function findKnownConversion(from: Type, to: Type, unsafe: boolean): Conversion | undefined {
  if (to.kind === 'dynamic') return (v) => v;
  if (from.kind === 'dynamic') return unsafe ? convertFromDynamic(to) : undefined;
  if (isPrimitive(from) && isPrimitive(to)) return findPrimitiveConversion(from, to, unsafe);
  switch (to.kind) {
    case 'object':
      if (from.kind === 'object') return convertObjectToObject(from, to, unsafe);
      if (from.kind === 'map' && unsafe) return convertMapToObject(from, to, unsafe);
      return undefined;
    case 'tuple':
      return from.kind === 'tuple' ? convertTupleToTuple(from, to, unsafe) : undefined;
    case 'list':
      if (from.kind === 'list' || from.kind === 'set') return convertCollectionToList(from.elem, to.elem, unsafe);
      return from.kind === 'tuple' ? convertTupleToList(from, to.elem, unsafe) : undefined;
    case 'set':
      if (from.kind === 'set' || (from.kind === 'list' && unsafe)) return convertCollectionToSet(from.elem, to.elem, unsafe);
      return from.kind === 'tuple' ? convertTupleToSet(from, to.elem, unsafe) : undefined;
    case 'map':
      if (from.kind === 'map') return convertMapToMap(from.elem, to.elem, unsafe);
      return from.kind === 'object' ? convertObjectToMap(from, to.elem, unsafe) : undefined;
    default:
      return undefined;
  }
}

/** A value whose type was unknown when the conversion was chosen: convert it by its real type. */
function convertFromDynamic(to: Type): Conversion {
  return (v, path) => {
    if (typeEquals(v.type, to) && !hasOptionalAttributes(to)) return v;
    const conv = findConversion(v.type, to, true);
    if (!conv) throw new ConversionError(mismatchMessage(v.type, to), path);
    return conv(v, path);
  };
}

function findPrimitiveConversion(from: Type, to: Type, unsafe: boolean): Conversion | undefined {
  if (from.kind === to.kind) return (v) => v;
  if (to.kind === 'string') {
    if (from.kind === 'number') return (v) => Value.string(formatNumber(v.asNumber()));
    if (from.kind === 'bool') return (v) => Value.string(v.asBool() ? 'true' : 'false');
  }
  if (!unsafe || from.kind !== 'string') return undefined;
  if (to.kind === 'number') return stringToNumber;
  if (to.kind === 'bool') return stringToBool;
  return undefined;
}

const stringToNumber: Conversion = (v, path) => {
  const n = parseNumber(v.asString());
  if (n === undefined) throw new ConversionError('a number is required', path);
  return Value.number(n);
};

const stringToBool: Conversion = (v, path) => {
  const s = v.asString();
  if (s === 'true' || s === '1') return Value.bool(true);
  if (s === 'false' || s === '0') return Value.bool(false);
  const lower = s.toLowerCase();
  if (lower === 'true' || lower === 'false') {
    throw new ConversionError(`a bool is required; to convert from string, use lowercase "${lower}"`, path);
  }
  throw new ConversionError('a bool is required', path);
};

// ---- type helpers

/** True when an object type inside `t` declares optional attributes (conversion must fill them). */
export function hasOptionalAttributes(t: Type): boolean {
  switch (t.kind) {
    case 'list':
    case 'set':
    case 'map':
      return hasOptionalAttributes(t.elem);
    case 'tuple':
      return t.elems.some(hasOptionalAttributes);
    case 'object':
      return (t.optional?.length ?? 0) > 0 || Object.values(t.attrs).some(hasOptionalAttributes);
    default:
      return false;
  }
}

/** The type without optional-attribute markers and defaults: the type of values that conform to it. */
export function withoutOptional(t: Type): Type {
  switch (t.kind) {
    case 'list':
    case 'set':
    case 'map':
      return { kind: t.kind, elem: withoutOptional(t.elem) };
    case 'tuple':
      return { kind: 'tuple', elems: t.elems.map(withoutOptional) };
    case 'object': {
      const attrs: Record<string, Type> = {};
      for (const [k, a] of Object.entries(t.attrs)) attrs[k] = withoutOptional(a);
      return { kind: 'object', attrs };
    }
    default:
      return t;
  }
}

/** `to` with each `any` replaced by the corresponding part of `from`, for null and unknown results. */
function replaceDynamic(from: Type, to: Type): Type {
  if (to.kind === 'dynamic') return from;
  if ((to.kind === 'list' || to.kind === 'set' || to.kind === 'map') && from.kind === to.kind) {
    return { kind: to.kind, elem: replaceDynamic(from.elem, to.elem) };
  }
  if (to.kind === 'tuple' && from.kind === 'tuple' && from.elems.length === to.elems.length) {
    return { kind: 'tuple', elems: to.elems.map((t, i) => replaceDynamic(from.elems[i]!, t)) };
  }
  if (to.kind === 'object' && from.kind === 'object') {
    const attrs: Record<string, Type> = {};
    for (const [k, t] of Object.entries(to.attrs)) attrs[k] = from.attrs[k] ? replaceDynamic(from.attrs[k], t) : t;
    return { kind: 'object', attrs };
  }
  return to;
}
