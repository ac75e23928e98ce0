// Functions over lists and tuples (cty's stdlib collection functions and Packer's own length, index,
// alltrue, anytrue).

import { convert, unifyTypes } from '../value/convert.js';
import { T, Value, equalValues, typeEquals, typeName, type Type } from '../value/value.js';
import { graphemes } from '../util/graphemes.js';
import { FunctionError, argError, define, param, type FunctionDef } from './types.js';
import { isSequenceType } from './values.js';

const any = (name: string, options = {}) => param(name, T.dynamic, options);

/** An integer from a number argument, or an error worded as gocty's ("value must be a whole number"). */
export function wholeNumber(v: Value, index: number, what: string): number {
  const n = v.asNumber();
  if (!Number.isInteger(n)) throw argError(index, `invalid ${what}: value must be a whole number`);
  return n;
}

function elementTypes(t: Type, length: number): Type[] {
  if (t.kind === 'tuple') return t.elems;
  if (t.kind === 'list' || t.kind === 'set') return Array.from({ length }, () => t.elem);
  return [];
}

/** The value as a list (list kept, tuple or set converted); used where cty declares a list parameter. */
function sequenceValue(items: readonly Value[], type: Type): Value {
  return type.kind === 'tuple' ? Value.tuple(items) : Value.ofType(type, [...items]);
}

function flattenItems(v: Value): Value[] {
  const out: Value[] = [];
  for (const item of v.elements()) {
    if (isSequenceType(item.type) && !item.isNull) out.push(...flattenItems(item));
    else out.push(item);
  }
  return out;
}

function sliceBounds(args: Value[]): [number, number] {
  const [list, s, e] = args;
  const length = list!.length;
  const start = wholeNumber(s!, 1, 'start index');
  if (start < 0) throw argError(1, 'start index must not be less than zero');
  if (start > length) throw argError(1, 'start index must not be greater than the length of the list');
  const end = wholeNumber(e!, 2, 'end index');
  if (end < 0) throw argError(2, 'end index must not be less than zero');
  if (end > length) throw argError(2, 'end index must not be greater than the length of the list');
  if (start > end) throw argError(1, 'start index must not be greater than end index');
  return [start, end];
}

function rangeValues(args: Value[]): Value {
  const nums = args.map((a) => a.asNumber());
  let start = 0;
  let end: number;
  let step: number;
  if (nums.length === 1) [end, step] = [nums[0]!, nums[0]! < 0 ? -1 : 1];
  else if (nums.length === 2) [start, end, step] = [nums[0]!, nums[1]!, nums[1]! < nums[0]! ? -1 : 1];
  else if (nums.length === 3) [start, end, step] = nums as [number, number, number];
  else throw new FunctionError('must have one, two, or three arguments');
  if (step === 0) throw argError(2, 'step must not be zero');
  const down = step < 0;
  if (down && end > start) throw argError(1, 'end must be less than start when step is negative');
  if (!down && end < start) throw argError(1, 'end must be greater than start when step is positive');
  const out: Value[] = [];
  for (let n = start; down ? n > end : n < end; n += step) {
    if (out.length >= 1024) {
      throw new FunctionError(
        'more than 1024 values were generated; either decrease the difference between start and end or use a smaller step',
      );
    }
    out.push(Value.number(n));
  }
  return Value.list(out, T.number);
}

/** Go's sort.Strings order: by UTF-8 bytes. */
export function compareUtf8(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

export const collectionFunctions: Record<string, FunctionDef> = {
  length: define({
    params: [any('value', { allowMarked: true })],
    returns([v]) {
      const k = v!.type.kind;
      if (k === 'string' || k === 'dynamic' || k === 'list' || k === 'set' || k === 'map' || k === 'tuple' || k === 'object') return T.number;
      throw new FunctionError('argument must be a string, a collection type, or a structural type');
    },
    impl([v]) {
      const value = v!.unmark();
      return Value.number(value.type.kind === 'string' ? graphemes(value.asString()).length : value.length);
    },
  }),
  alltrue: define({
    params: [param('list', T.list(T.bool))],
    returns: T.bool,
    impl: ([l]) => Value.bool(l!.elements().every((v) => !v.isNull && v.asBool())),
  }),
  anytrue: define({
    params: [param('list', T.list(T.bool))],
    returns: T.bool,
    impl: ([l]) => Value.bool(l!.elements().some((v) => !v.isNull && v.asBool())),
  }),
  chunklist: define({
    params: [param('list', T.list(T.dynamic)), param('size', T.number)],
    returns: ([l]) => T.list(l!.type),
    impl([l, s]) {
      const size = wholeNumber(s!, 1, 'size');
      if (size < 0) throw new FunctionError('the size argument must be positive');
      const items = l!.elements();
      if (items.length === 0) return Value.list([], l!.type);
      if (size === 0) return Value.list([l!]);
      const chunks: Value[] = [];
      for (let i = 0; i < items.length; i += size) chunks.push(Value.ofType(l!.type, items.slice(i, i + size)));
      return Value.list(chunks);
    },
  }),
  coalesce: define({
    params: [],
    varParam: any('vals', { allowNull: true }),
    returns(args) {
      const type = unifyTypes(args.map((a) => a.type));
      if (!type) throw new FunctionError('all arguments must have the same type');
      return type;
    },
    impl(args) {
      const type = unifyTypes(args.map((a) => a.type))!;
      for (const arg of args) {
        if (arg.isNull) continue;
        const v = convert(arg, type);
        if (type.kind === 'string' && v.asString() === '') continue;
        return v;
      }
      throw new FunctionError('no non-null, non-empty-string arguments');
    },
  }),
  coalescelist: define({
    params: [],
    varParam: any('vals', { allowNull: true }),
    returns(args) {
      if (args.length === 0) throw new FunctionError('at least one argument is required');
      for (const [i, a] of args.entries()) {
        if (a.type.kind !== 'list' && a.type.kind !== 'tuple') {
          throw argError(i, `all arguments must be lists or tuples; got ${typeName(a.type)}`);
        }
      }
      return args.every((a) => typeEquals(a.type, args[0]!.type)) ? args[0]!.type : T.dynamic;
    },
    impl(args) {
      for (const a of args) if (!a.isNull && a.length > 0) return a;
      throw new FunctionError('no non-null arguments');
    },
  }),
  compact: define({
    params: [param('list', T.list(T.string))],
    returns: T.list(T.string),
    impl: ([l]) => Value.list(l!.elements().filter((v) => !v.isNull && v.asString() !== ''), T.string),
  }),
  concat: define({
    params: [],
    varParam: any('seqs', { allowMarked: true }),
    returns(args) {
      if (args.length === 0) throw new FunctionError('at least one argument is required');
      if (args.every((a) => a.type.kind === 'list')) {
        const common = unifyTypes(args.map((a) => a.type));
        if (common) return common;
      }
      const elems: Type[] = [];
      for (const [i, a] of args.entries()) {
        const v = a.unmark();
        if (v.type.kind !== 'list' && v.type.kind !== 'tuple') {
          throw argError(i, `all arguments must be lists or tuples; got ${typeName(v.type)}`);
        }
        if (!v.known) return T.dynamic;
        elems.push(...elementTypes(v.type, v.length));
      }
      return T.tuple(elems);
    },
    impl(args) {
      const type = collectionFunctions.concat!.returnType(args);
      if (type.kind === 'list') {
        const items = args.flatMap((a) => convert(a.unmark(), type).elements());
        return Value.ofType(type, items).withMarks(new Set(args.flatMap((a) => [...a.marks])));
      }
      return Value.tuple(args.flatMap((a) => a.unmark().elements())).withMarks(new Set(args.flatMap((a) => [...a.marks])));
    },
  }),
  contains: define({
    params: [any('list'), any('value')],
    returns: T.bool,
    impl([list, value]) {
      const k = list!.type.kind;
      if (k !== 'list' && k !== 'tuple' && k !== 'set') throw new FunctionError('argument must be list, tuple, or set');
      return Value.bool(list!.elements().some((e) => equalValues(e, value!)));
    },
  }),
  distinct: define({
    params: [param('list', T.list(T.dynamic))],
    returns: ([l]) => l!.type,
    impl([l]) {
      const out: Value[] = [];
      for (const v of l!.elements()) if (!out.some((o) => equalValues(o, v))) out.push(v);
      return Value.ofType(l!.type, out);
    },
  }),
  element: define({
    params: [any('list'), param('index', T.number)],
    returns([l, i]) {
      if (i!.known && i!.asNumber() < 0) throw new FunctionError('cannot use element function with a negative index');
      const t = l!.type;
      if (t.kind === 'list') return t.elem;
      if (t.kind === 'tuple') {
        if (!i!.known) return T.dynamic;
        const index = wholeNumber(i!, 1, 'index');
        if (t.elems.length === 0) throw new FunctionError('cannot use element function with an empty list');
        return t.elems[index % t.elems.length]!;
      }
      if (t.kind === 'dynamic') return T.dynamic;
      throw new FunctionError(`cannot read elements from ${typeName(t)}`);
    },
    impl([l, i]) {
      const index = wholeNumber(i!, 1, 'index');
      const items = l!.elements();
      if (items.length === 0) throw new FunctionError('cannot use element function with an empty list');
      return items[index % items.length]!;
    },
  }),
  flatten: define({
    params: [any('list', { allowMarked: true })],
    returns([l]) {
      if (!isSequenceType(l!.type)) throw new FunctionError('can only flatten lists, sets and tuples');
      return T.tuple(flattenItems(l!.unmark()).map((v) => v.type));
    },
    impl: ([l]) => Value.tuple(flattenItems(l!.unmark())).withMarks(l!.marks),
  }),
  index: define({
    params: [any('list'), any('value')],
    returns: T.number,
    impl([list, value]) {
      const k = list!.type.kind;
      if (k !== 'list' && k !== 'tuple') throw new FunctionError('argument must be a list or tuple');
      const items = list!.elements();
      if (items.length === 0) throw new FunctionError('cannot search an empty list');
      const found = items.findIndex((e) => equalValues(e, value!));
      if (found < 0) throw new FunctionError('item not found');
      return Value.number(found);
    },
  }),
  range: define({
    params: [],
    varParam: param('params', T.number),
    returns: T.list(T.number),
    impl: rangeValues,
  }),
  reverse: define({
    params: [any('list', { allowMarked: true })],
    returns([l]) {
      const t = l!.type;
      if (t.kind === 'tuple') return T.tuple([...t.elems].reverse());
      if (t.kind === 'list') return t;
      if (t.kind === 'set') return T.list(t.elem);
      throw argError(0, `can only reverse list or tuple values, not ${typeName(t)}`);
    },
    impl([l]) {
      const v = l!.unmark();
      const items = [...v.elements()].reverse();
      const type = v.type.kind === 'set' ? T.list((v.type as { elem: Type }).elem) : v.type;
      return sequenceValue(items, type).withMarks(l!.marks);
    },
  }),
  slice: define({
    params: [any('list', { allowMarked: true }), param('start_index', T.number), param('end_index', T.number)],
    returns(args) {
      const t = args[0]!.type;
      if (t.kind === 'set') {
        throw argError(
          0,
          'cannot slice a set, because its elements do not have indices; explicitly convert to a list if the ordering of the result is not important',
        );
      }
      if (t.kind !== 'list' && t.kind !== 'tuple') throw argError(0, 'must be a list or tuple value');
      if (!args[0]!.known || !args[1]!.known || !args[2]!.known) return t.kind === 'list' ? t : T.dynamic;
      const [s, e] = sliceBounds([args[0]!.unmark(), args[1]!, args[2]!]);
      return t.kind === 'list' ? t : T.tuple(t.elems.slice(s, e));
    },
    impl(args) {
      const list = args[0]!.unmark();
      const [s, e] = sliceBounds([list, args[1]!, args[2]!]);
      return sequenceValue(list.elements().slice(s, e), list.type.kind === 'list' ? list.type : T.tuple([])).withMarks(args[0]!.marks);
    },
  }),
  sort: define({
    params: [param('list', T.list(T.string))],
    returns: T.list(T.string),
    impl([l]) {
      const items = l!.elements();
      items.forEach((v, i) => {
        if (v.isNull) throw new FunctionError(`given list element ${i} is null; a null string cannot be sorted`);
      });
      const sorted = items.map((v) => v.asString()).sort(compareUtf8);
      return Value.list(
        sorted.map((s) => Value.string(s)),
        T.string,
      );
    },
  }),
};
