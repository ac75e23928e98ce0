import { didYouMean } from '../diag/suggest.js';
import { convert, ConversionError } from '../value/convert.js';
import { T, Value, typeName, type Type } from '../value/value.js';
import { OperandError } from './operators.js';

/** The type of `obj.name` / `obj[key]` when the container is unknown. */
function elementTypeOf(t: Type, key?: string): Type {
  if (t.kind === 'list' || t.kind === 'set' || t.kind === 'map') return t.elem;
  if (t.kind === 'object' && key !== undefined && key in t.attrs) return t.attrs[key]!;
  return T.dynamic;
}

/** `obj.name`, with HCL's errors. */
export function getAttr(obj: Value, name: string): Value {
  if (obj.isNull) throw new OperandError('Attempt to get attribute from null value', 'This value is null, so it does not have any attributes.');
  const t = obj.type;
  if (t.kind === 'object') {
    if (!(name in t.attrs)) {
      throw new OperandError(
        'Unsupported attribute',
        `This object does not have an attribute named "${name}".${didYouMean(name, Object.keys(t.attrs))}`,
      );
    }
    if (!obj.known) return Value.unknown(t.attrs[name]).withMarks(obj.marks);
    return obj.get(name)!.withMarks(obj.marks);
  }
  if (t.kind === 'map') {
    if (!obj.known) return Value.unknown(t.elem).withMarks(obj.marks);
    const v = obj.get(name);
    if (!v) throw new OperandError('Missing map element', `This map does not have an element with the key "${name}".`);
    return v.withMarks(obj.marks);
  }
  if (t.kind === 'dynamic') return Value.unknown(T.dynamic).withMarks(obj.marks);
  if (t.kind === 'list' || t.kind === 'set' || t.kind === 'tuple') {
    throw new OperandError('Unsupported attribute', `This value does not have any attributes. Did you mean to use a splat expression, like [*].${name}?`);
  }
  throw new OperandError('Unsupported attribute', `Can't access attributes on a primitive-typed value (${typeName(t)}).`);
}

function keyAs(key: Value, want: Type): Value {
  try {
    return convert(key, want);
  } catch (e) {
    if (e instanceof ConversionError) {
      throw new OperandError('Invalid index', `The given key does not identify an element in this collection value: ${e.message}.`);
    }
    throw e;
  }
}

const NOT_FOUND = 'The given key does not identify an element in this collection value.';

/** `obj[key]`, with HCL's errors. */
export function getIndex(obj: Value, key: Value): Value {
  const t = obj.type;
  const marks = new Set([...obj.marks, ...key.marks]);
  if (obj.isNull) throw new OperandError('Attempt to index null value', 'This value is null, so it does not have any indices.');
  if (key.isNull) throw new OperandError('Invalid index', "Can't use a null value as an indexing key.");
  // A container or key whose type is not decided yet: nothing can be checked until it is.
  if (t.kind === 'dynamic' || key.type.kind === 'dynamic') return Value.unknown(T.dynamic).withMarks(marks);
  if (t.kind === 'list' || t.kind === 'tuple') {
    const k = keyAs(key, T.number);
    if (!obj.known || !k.known) return Value.unknown(elementTypeOf(t)).withMarks(marks);
    const i = k.asNumber();
    const items = obj.elements();
    if (!Number.isInteger(i) || i < 0 || i >= items.length) throw new OperandError('Invalid index', NOT_FOUND);
    return items[i]!.withMarks(marks);
  }
  if (t.kind === 'map' || t.kind === 'object') {
    const k = keyAs(key, T.string);
    if (!k.known) return Value.unknown(t.kind === 'map' ? t.elem : T.dynamic).withMarks(marks);
    if (!obj.known) return Value.unknown(elementTypeOf(t, k.asString())).withMarks(marks);
    const v = obj.get(k.asString());
    if (!v) throw new OperandError('Invalid index', NOT_FOUND);
    return v.withMarks(marks);
  }
  if (t.kind === 'set') {
    throw new OperandError('Invalid index', 'Elements of a set are identified only by their value and don\'t have any separate index or key to select with, so it\'s only possible to perform operations across all elements of the set.');
  }
  throw new OperandError('Invalid index', 'This value does not have any indices.');
}
