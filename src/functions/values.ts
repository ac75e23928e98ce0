// Small helpers over values shared by the function implementations.

import { Value, type Type } from '../value/value.js';

/** The value with every mark removed, at every depth, and the marks that were removed. */
export function unmarkDeep(v: Value): { value: Value; marks: Set<string> } {
  const marks = new Set<string>();
  const strip = (x: Value): Value => {
    for (const m of x.marks) marks.add(m);
    const bare = x.unmark();
    if (!bare.known || bare.raw === null) return bare;
    if (Array.isArray(bare.raw)) {
      const items = bare.elements();
      if (!items.some((i) => hasAnyMark(i))) return bare;
      return Value.ofType(bare.type, items.map(strip));
    }
    if (bare.raw instanceof Map) {
      const entries = bare.entries();
      if (!entries.some(([, i]) => hasAnyMark(i))) return bare;
      return Value.ofType(bare.type, new Map(entries.map(([k, i]) => [k, strip(i)])));
    }
    return bare;
  };
  return { value: strip(v), marks };
}

function hasAnyMark(v: Value): boolean {
  if (v.marks.size > 0) return true;
  if (Array.isArray(v.raw)) return (v.raw as Value[]).some(hasAnyMark);
  if (v.raw instanceof Map) for (const x of v.raw.values()) if (hasAnyMark(x)) return true;
  return false;
}

export function isSequenceType(t: Type): boolean {
  return t.kind === 'list' || t.kind === 'set' || t.kind === 'tuple';
}

export function isMappingType(t: Type): boolean {
  return t.kind === 'map' || t.kind === 'object';
}

/** A list of strings. */
export function stringList(items: readonly string[]): Value {
  return Value.list(
    items.map((s) => Value.string(s)),
    { kind: 'string' },
  );
}

/** The strings of a known list, set or tuple of strings. */
export function stringsOf(v: Value): string[] {
  return v.elements().map((e) => e.asString());
}

/** A list of the given element type from already-converted items. */
export function listOfType(items: readonly Value[], elem: Type): Value {
  return Value.ofType({ kind: 'list', elem }, [...items]);
}

/** Element type of a list/set/map type, or the unified element type of a tuple/object, or undefined. */
export function elementTypeOf(t: Type): Type | undefined {
  if (t.kind === 'list' || t.kind === 'set' || t.kind === 'map') return t.elem;
  return undefined;
}
