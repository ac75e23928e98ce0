// Whether one space or none separates two neighbouring tokens of a cell, by the rules of canonical HCL
// layout (hclwrite's, as Packer 1.6.6 and Terraform 0.14 apply them).

import { bracketChange } from './lines.js';
import type { FmtKind, FmtToken } from './tokens.js';

const TEMPLATE_TEXT = new Set<FmtKind>(['qlit', 'slit']);

/** Tokens after which a `-` is a negation: nothing that can end an operand. */
const BEFORE_NEGATION = new Set<FmtKind | 'none'>([
  'none',
  'oparen',
  'obrace',
  'obrack',
  'equal',
  'colon',
  'comma',
  'question',
  'plus',
  'star',
  'slash',
  'percent',
  'minus',
  'eq',
  'neq',
  'gt',
  'gte',
  'lt',
  'lte',
  'and',
  'or',
  'bang',
]);

/**
 * True when `subject` is followed by a space before `after`; `before` is the token preceding `subject` in
 * the same cell, if any.
 */
export function spaceAfter(subject: FmtToken, before: FmtToken | undefined, after: FmtToken): boolean {
  const s = subject.kind;
  const a = after.kind;
  if (a === 'newline') return false;
  if (s === 'ident' && a === 'oparen') return false;
  if (s === 'dot' || a === 'dot') return false;
  if (a === 'comma' || a === 'ellipsis') return false;
  if (s === 'comma') return true;
  if (TEMPLATE_TEXT.has(s) || TEMPLATE_TEXT.has(a) || s === 'oquote' || s === 'oheredoc' || a === 'cquote' || a === 'cheredoc') return false;
  // `for x in [a, b]`: `in` is a keyword here, not a name being indexed.
  if (s === 'ident' && subject.text === 'in' && before?.kind === 'ident') return true;
  if (a === 'obrack' && (s === 'ident' || s === 'number' || bracketChange(subject) < 0)) return false;
  if (s === 'minus') return !BEFORE_NEGATION.has(before?.kind ?? 'none');
  if (s === 'obrace' || a === 'cbrace') return !(s === 'obrace' && a === 'cbrace');
  // An interpolation holding just an object constructor: `${ { a = 1 } }`.
  if ((s === 'tinterp' || s === 'tcontrol') && a === 'obrace') return true;
  if (s === 'cbrace' && a === 'tend') return true;
  if (s === 'tend' && (a === 'tinterp' || a === 'tcontrol')) return false;
  if (bracketChange(subject) > 0) return false;
  if (bracketChange(after) < 0) return false;
  return true;
}
