// Values and types of the template language, modelled on go-cty (the library Packer evaluates HCL with).
// Values are immutable. A value is known or unknown (unknown values appear during `validate`, when
// something is only known at build time), null or not, and may carry marks such as 'sensitive'.

export type Type =
  | { kind: 'string' }
  | { kind: 'number' }
  | { kind: 'bool' }
  /** `any`: the type is not yet decided. Only a null or unknown value has the dynamic type. */
  | { kind: 'dynamic' }
  | { kind: 'list'; elem: Type }
  | { kind: 'set'; elem: Type }
  | { kind: 'map'; elem: Type }
  | { kind: 'tuple'; elems: Type[] }
  /** `optional` lists attributes declared with `optional(...)` in a type constraint. */
  | { kind: 'object'; attrs: Record<string, Type>; optional?: string[]; defaults?: Record<string, Value> };

export type CollectionKind = 'list' | 'set' | 'map';

const STRING: Type = { kind: 'string' };
const NUMBER: Type = { kind: 'number' };
const BOOL: Type = { kind: 'bool' };
const DYNAMIC: Type = { kind: 'dynamic' };

export const T = {
  string: STRING,
  number: NUMBER,
  bool: BOOL,
  dynamic: DYNAMIC,
  list: (elem: Type): Type => ({ kind: 'list', elem }),
  set: (elem: Type): Type => ({ kind: 'set', elem }),
  map: (elem: Type): Type => ({ kind: 'map', elem }),
  tuple: (elems: Type[]): Type => ({ kind: 'tuple', elems }),
  object: (attrs: Record<string, Type>): Type => ({ kind: 'object', attrs }),
  emptyObject: { kind: 'object', attrs: {} } as Type,
  emptyTuple: { kind: 'tuple', elems: [] } as Type,
};

export type Raw = null | string | number | boolean | readonly Value[] | ReadonlyMap<string, Value>;

const NO_MARKS: ReadonlySet<string> = new Set();

export class Value {
  private constructor(
    readonly type: Type,
    /** null for null and unknown values; string/number/boolean for primitives; Value[] for list, set and tuple; Map for map and object. */
    readonly raw: Raw,
    readonly known: boolean,
    readonly marks: ReadonlySet<string> = NO_MARKS,
  ) {}

  // ---- constructors

  static string(s: string): Value {
    return new Value(STRING, s.normalize('NFC'), true);
  }
  static number(n: number): Value {
    return new Value(NUMBER, n === 0 ? 0 : n, true); // no negative zero
  }
  private static readonly TRUE = new Value(BOOL, true, true);
  private static readonly FALSE = new Value(BOOL, false, true);
  static bool(b: boolean): Value {
    return b ? Value.TRUE : Value.FALSE;
  }
  static null(type: Type = DYNAMIC): Value {
    return new Value(type, null, true);
  }
  static unknown(type: Type = DYNAMIC): Value {
    return new Value(type, null, false);
  }
  /** A list; `elem` is required when `items` is empty, else taken from the first item. Items must already share one type. */
  static list(items: readonly Value[], elem?: Type): Value {
    return new Value(T.list(elem ?? items[0]?.type ?? DYNAMIC), [...items], true);
  }
  /** A set: duplicates are removed and elements put in canonical order. */
  static set(items: readonly Value[], elem?: Type): Value {
    const unique: Value[] = [];
    for (const it of items) if (!unique.some((u) => equalValues(u, it))) unique.push(it);
    unique.sort(compareSetElements);
    return new Value(T.set(elem ?? items[0]?.type ?? DYNAMIC), unique, true);
  }
  static tuple(items: readonly Value[]): Value {
    return new Value(T.tuple(items.map((i) => i.type)), [...items], true);
  }
  /** A map; `elem` is required when `entries` is empty. Entries must already share one type. */
  static map(entries: Record<string, Value> | ReadonlyMap<string, Value>, elem?: Type): Value {
    const m = sortedMap(entries);
    const first = m.values().next().value as Value | undefined;
    return new Value(T.map(elem ?? first?.type ?? DYNAMIC), m, true);
  }
  static object(entries: Record<string, Value> | ReadonlyMap<string, Value>): Value {
    const m = sortedMap(entries);
    const attrs: Record<string, Type> = {};
    for (const [k, v] of m) attrs[k] = v.type;
    return new Value(T.object(attrs), m, true);
  }
  /** For code that has built raw content of a precise type itself (conversion). */
  static ofType(type: Type, raw: Raw): Value {
    if (type.kind === 'map' || type.kind === 'object') return new Value(type, raw === null ? null : sortedMap(raw as ReadonlyMap<string, Value>), true);
    if (type.kind === 'set' && Array.isArray(raw)) return Value.set(raw as Value[], type.elem);
    return new Value(type, raw, true);
  }

  // ---- marks (sensitivity)

  mark(...marks: string[]): Value {
    if (marks.length === 0) return this;
    const s = new Set(this.marks);
    for (const m of marks) s.add(m);
    return new Value(this.type, this.raw, this.known, s);
  }
  withMarks(marks: ReadonlySet<string>): Value {
    if (marks.size === 0) return this;
    const s = new Set(this.marks);
    for (const m of marks) s.add(m);
    return new Value(this.type, this.raw, this.known, s);
  }
  hasMark(m: string): boolean {
    return this.marks.has(m);
  }
  unmark(): Value {
    return this.marks.size === 0 ? this : new Value(this.type, this.raw, this.known);
  }
  /** True when this value or anything inside it carries the mark. */
  hasMarkDeep(m: string): boolean {
    if (this.marks.has(m)) return true;
    if (Array.isArray(this.raw)) return (this.raw as Value[]).some((v) => v.hasMarkDeep(m));
    if (this.raw instanceof Map) for (const v of this.raw.values()) if (v.hasMarkDeep(m)) return true;
    return false;
  }

  // ---- inspection

  get isNull(): boolean {
    return this.known && this.raw === null;
  }
  /** Known all the way down. */
  get isWhollyKnown(): boolean {
    if (!this.known) return false;
    if (Array.isArray(this.raw)) return (this.raw as Value[]).every((v) => v.isWhollyKnown);
    if (this.raw instanceof Map) for (const v of this.raw.values()) if (!v.isWhollyKnown) return false;
    return true;
  }
  asString(): string {
    if (typeof this.raw !== 'string') throw new TypeError(`value is not a known string (${typeName(this.type)})`);
    return this.raw;
  }
  asNumber(): number {
    if (typeof this.raw !== 'number') throw new TypeError(`value is not a known number (${typeName(this.type)})`);
    return this.raw;
  }
  asBool(): boolean {
    if (typeof this.raw !== 'boolean') throw new TypeError(`value is not a known bool (${typeName(this.type)})`);
    return this.raw;
  }
  /** Elements of a list, set or tuple. */
  elements(): readonly Value[] {
    if (!Array.isArray(this.raw)) throw new TypeError(`value is not a known sequence (${typeName(this.type)})`);
    return this.raw as readonly Value[];
  }
  /** Entries of a map or object, sorted by key (as cty iterates them). */
  entries(): [string, Value][] {
    if (!(this.raw instanceof Map)) throw new TypeError(`value is not a known map or object (${typeName(this.type)})`);
    return [...this.raw.entries()];
  }
  /** Attribute of an object or element of a map, or undefined. */
  get(key: string): Value | undefined {
    return this.raw instanceof Map ? this.raw.get(key) : undefined;
  }
  /** Number of elements of a known collection, tuple or object. */
  get length(): number {
    if (Array.isArray(this.raw)) return this.raw.length;
    if (this.raw instanceof Map) return this.raw.size;
    throw new TypeError(`value has no length (${typeName(this.type)})`);
  }
}


function sortedMap(entries: Record<string, Value> | ReadonlyMap<string, Value>): Map<string, Value> {
  const list = entries instanceof Map ? [...entries.entries()] : Object.entries(entries);
  list.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return new Map(list);
}

// ---- types

export function isPrimitive(t: Type): boolean {
  return t.kind === 'string' || t.kind === 'number' || t.kind === 'bool';
}

export function isCollection(t: Type): t is { kind: CollectionKind; elem: Type } {
  return t.kind === 'list' || t.kind === 'set' || t.kind === 'map';
}

export function typeEquals(a: Type, b: Type): boolean {
  if (a.kind !== b.kind) return false;
  switch (a.kind) {
    case 'list':
    case 'set':
    case 'map':
      return typeEquals(a.elem, (b as typeof a).elem);
    case 'tuple': {
      const be = (b as typeof a).elems;
      return a.elems.length === be.length && a.elems.every((t, i) => typeEquals(t, be[i]!));
    }
    case 'object': {
      const ba = (b as typeof a).attrs;
      const ak = Object.keys(a.attrs);
      return ak.length === Object.keys(ba).length && ak.every((k) => k in ba && typeEquals(a.attrs[k]!, ba[k]!));
    }
    default:
      return true;
  }
}

/** True when the type contains `dynamic` somewhere (it is a constraint, not a concrete type). */
export function hasDynamic(t: Type): boolean {
  switch (t.kind) {
    case 'dynamic':
      return true;
    case 'list':
    case 'set':
    case 'map':
      return hasDynamic(t.elem);
    case 'tuple':
      return t.elems.some(hasDynamic);
    case 'object':
      return Object.values(t.attrs).some(hasDynamic);
    default:
      return false;
  }
}

/** cty's friendly name, used in error messages: "string", "list of string", "object", "tuple". */
export function typeName(t: Type): string {
  switch (t.kind) {
    case 'dynamic':
      return 'dynamic';
    case 'list':
    case 'set':
    case 'map':
      return `${t.kind} of ${typeName(t.elem)}`;
    default:
      return t.kind;
  }
}

/** The type written as an HCL type expression: `list(object({name=string}))`. */
export function typeExpression(t: Type): string {
  switch (t.kind) {
    case 'dynamic':
      return 'any';
    case 'list':
    case 'set':
    case 'map':
      return `${t.kind}(${typeExpression(t.elem)})`;
    case 'tuple':
      return `tuple([${t.elems.map(typeExpression).join(', ')}])`;
    case 'object':
      return `object({${Object.keys(t.attrs)
        .sort()
        .map((k) => `${k}=${typeExpression(t.attrs[k]!)}`)
        .join(', ')}})`;
    default:
      return t.kind;
  }
}

// ---- equality and ordering

/** Deep equality of two known values, ignoring marks (types must match exactly). */
export function equalValues(a: Value, b: Value): boolean {
  if (!typeEquals(a.type, b.type)) return false;
  if (!a.known || !b.known) return false;
  if (a.raw === null || b.raw === null) return a.raw === b.raw;
  if (Array.isArray(a.raw)) {
    const ae = a.raw as Value[];
    const be = b.raw as Value[];
    return ae.length === be.length && ae.every((v, i) => equalValues(v, be[i]!));
  }
  if (a.raw instanceof Map) {
    const bm = b.raw as ReadonlyMap<string, Value>;
    if (a.raw.size !== bm.size) return false;
    for (const [k, v] of a.raw) {
      const o = bm.get(k);
      if (!o || !equalValues(v, o)) return false;
    }
    return true;
  }
  return a.raw === b.raw;
}

/** cty's set order: numbers ascending, then strings lexically, then everything else by a stable key. */
export function compareSetElements(a: Value, b: Value): number {
  if (typeof a.raw === 'number' && typeof b.raw === 'number') return a.raw - b.raw;
  if (typeof a.raw === 'string' && typeof b.raw === 'string') return a.raw < b.raw ? -1 : a.raw > b.raw ? 1 : 0;
  const ka = stableKey(a);
  const kb = stableKey(b);
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}

function stableKey(v: Value): string {
  if (!v.known) return '~unknown';
  if (v.raw === null) return '~null';
  if (Array.isArray(v.raw)) return `[${(v.raw as Value[]).map(stableKey).join(',')}]`;
  if (v.raw instanceof Map) return `{${[...v.raw].map(([k, x]) => `${k}:${stableKey(x)}`).join(',')}}`;
  return `${typeof v.raw}:${String(v.raw)}`;
}

/** Union of the marks of several values, to apply to a result derived from them. */
export function unionMarks(values: readonly Value[]): ReadonlySet<string> {
  let out: Set<string> | undefined;
  for (const v of values) {
    if (v.marks.size === 0) continue;
    out ??= new Set();
    for (const m of v.marks) out.add(m);
  }
  return out ?? NO_MARKS;
}
