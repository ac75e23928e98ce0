// Why a type cannot be converted to another, in cty's words (convert.MismatchMessage). Used only after
// a conversion was found impossible.

import { type Type, typeEquals } from './value.js';
import { findConversion } from './convert.js';

/** cty's name of a type in a constraint: "string", "list of number", "map of any type", "object". */
export function constraintName(t: Type): string {
  switch (t.kind) {
    case 'dynamic':
      return 'any type';
    case 'list':
    case 'set':
    case 'map':
      return `${t.kind} of ${constraintName(t.elem)}`;
    default:
      return t.kind;
  }
}

function required(want: Type): string {
  return `${constraintName(want)} required`;
}

export function mismatchMessage(got: Type, want: Type): string {
  if (got.kind === 'object' && want.kind === 'object') return mismatchObjects(got, want);
  if (got.kind === 'tuple' && want.kind === 'list' && want.elem.kind === 'dynamic') return 'all list elements must have the same type';
  if (got.kind === 'tuple' && want.kind === 'set' && want.elem.kind === 'dynamic') return 'all set elements must have the same type';
  if (got.kind === 'object' && want.kind === 'map' && want.elem.kind === 'dynamic') return 'all map elements must have the same type';
  if ((got.kind === 'tuple' || got.kind === 'object') && isCollectionType(want)) return mismatchFromStructural(got, want);
  if (isCollectionType(got) && isCollectionType(want)) return mismatchFromCollection(got, want);
  return required(want);
}

function isCollectionType(t: Type): t is Extract<Type, { elem: Type }> {
  return t.kind === 'list' || t.kind === 'set' || t.kind === 'map';
}

function quoteList(names: string[]): string {
  const q = names.map((n) => JSON.stringify(n));
  if (q.length === 1) return `attribute ${q[0]} is required`;
  if (q.length === 2) return `attributes ${q[0]} and ${q[1]} are required`;
  return `attributes ${q.slice(0, -1).join(', ')}, and ${q[q.length - 1]} are required`;
}

function mismatchObjects(got: Extract<Type, { kind: 'object' }>, want: Extract<Type, { kind: 'object' }>): string {
  const optional = new Set(want.optional ?? []);
  const missing: string[] = [];
  let unsafeProblem: string | undefined;
  let safeProblem: string | undefined;
  for (const name of Object.keys(want.attrs).sort()) {
    const gotAttr = got.attrs[name];
    const wantAttr = want.attrs[name]!;
    if (gotAttr === undefined) {
      if (!optional.has(name)) missing.push(name);
      continue;
    }
    if (unsafeProblem === undefined && !findConversion(gotAttr, wantAttr, true)) {
      unsafeProblem = `attribute ${JSON.stringify(name)}: ${mismatchMessage(gotAttr, wantAttr)}`;
    }
    if (safeProblem === undefined && !findConversion(gotAttr, wantAttr, false)) {
      safeProblem = `attribute ${JSON.stringify(name)}: ${mismatchMessage(gotAttr, wantAttr)}`;
    }
  }
  if (missing.length > 0) return quoteList(missing);
  return unsafeProblem ?? safeProblem ?? 'incorrect object attributes';
}

function mismatchFromStructural(got: Type, want: Extract<Type, { elem: Type }>): string {
  if ((want.kind === 'list' || want.kind === 'set') && got.kind !== 'tuple') return required(want);
  if (want.kind === 'map' && got.kind !== 'object') return required(want);
  const elem = want.elem;
  if (got.kind === 'tuple') {
    for (const [i, t] of got.elems.entries()) {
      if (typeEquals(t, elem) || findConversion(t, elem, true)) continue;
      return `element ${i}: ${mismatchMessage(t, elem)}`;
    }
  } else if (got.kind === 'object') {
    for (const name of Object.keys(got.attrs).sort()) {
      const t = got.attrs[name]!;
      if (typeEquals(t, elem) || findConversion(t, elem, true)) continue;
      return `element ${JSON.stringify(name)}: ${mismatchMessage(t, elem)}`;
    }
  }
  return `all elements must be ${constraintName(elem)}`;
}

function mismatchFromCollection(got: Extract<Type, { elem: Type }>, want: Extract<Type, { elem: Type }>): string {
  const sequence = (t: Type) => t.kind === 'list' || t.kind === 'set';
  if (sequence(want) !== sequence(got)) return required(want);
  return `incorrect ${want.kind} element type: ${mismatchMessage(got.elem, want.elem)}`;
}
