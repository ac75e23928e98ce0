// String functions (cty's stdlib string functions, and the Packer additions endswith/startswith/strcontains).

import { T, Value, type Type } from '../value/value.js';
import { FunctionError, argError, define, param, type FunctionDef } from './types.js';
import { stringList } from './values.js';
import { graphemes } from '../util/graphemes.js';

const str = (name: string) => param(name, T.string);


function stringFn(names: string[], f: (...s: string[]) => string): FunctionDef {
  return define({
    params: names.map(str),
    returns: T.string,
    impl: (args) => Value.string(f(...args.map((a) => a.asString()))),
  });
}

function predicate(f: (s: string, part: string) => boolean, second: string): FunctionDef {
  return define({
    params: [str('str'), str(second)],
    returns: T.bool,
    impl: ([s, p]) => Value.bool(f(s!.asString(), p!.asString())),
  });
}

/** Go's unicode.IsSpace. */
const SPACE = '\t\n\v\f\r \u0085\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000';

function trimSet(s: string, cutset: Set<string>, left: boolean, right: boolean): string {
  const chars = Array.from(s);
  let a = 0;
  let b = chars.length;
  while (left && a < b && cutset.has(chars[a]!)) a++;
  while (right && b > a && cutset.has(chars[b - 1]!)) b--;
  return chars.slice(a, b).join('');
}

/** Go's strings.Title separators: ASCII other than letters, digits and underscore; Unicode spaces. */
function isTitleSeparator(ch: string): boolean {
  if (ch.charCodeAt(0) < 0x80) return !/[A-Za-z0-9_]/.test(ch);
  if (/[\p{L}\p{N}]/u.test(ch)) return false;
  return SPACE.includes(ch);
}

/** Go's strings.Title: upper-cases each letter that follows a separator. */
export function titleCase(s: string): string {
  let prev = ' ';
  let out = '';
  for (const ch of s) {
    const separator = isTitleSeparator(prev);
    out += separator ? ch.toUpperCase() : ch;
    prev = ch;
  }
  return out;
}

function substring(s: string, offset: number, length: number): string {
  const chars = graphemes(s);
  let start = offset;
  if (start < 0) start = Math.max(0, chars.length + start);
  if (start > chars.length) return '';
  // Any negative length means "to the end", as in cty.
  const end = length < 0 ? chars.length : start + length;
  return chars.slice(start, Math.max(start, Math.min(end, chars.length))).join('');
}

function listsParam(): Type {
  return T.list(T.string);
}

export const stringFunctions: Record<string, FunctionDef> = {
  chomp: stringFn(['str'], (s) => s.replace(/(?:\r\n|\r|\n)+$/, '')),
  lower: stringFn(['str'], (s) => s.toLowerCase()),
  upper: stringFn(['str'], (s) => s.toUpperCase()),
  title: stringFn(['str'], titleCase),
  strrev: stringFn(['str'], (s) => graphemes(s).reverse().join('')),
  trimspace: stringFn(['str'], (s) => trimSet(s, new Set(SPACE), true, true)),
  trim: stringFn(['str', 'cutset'], (s, c) => trimSet(s, new Set(Array.from(c)), true, true)),
  trimprefix: stringFn(['str', 'prefix'], (s, p) => (s.startsWith(p) ? s.slice(p.length) : s)),
  trimsuffix: stringFn(['str', 'suffix'], (s, x) => (x !== '' && s.endsWith(x) ? s.slice(0, s.length - x.length) : s)),
  endswith: predicate((s, x) => s.endsWith(x), 'suffix'),
  startswith: predicate((s, p) => s.startsWith(p), 'prefix'),
  strcontains: predicate((s, x) => s.includes(x), 'substr'),
  indent: define({
    params: [param('spaces', T.number), str('str')],
    returns: T.string,
    impl: ([n, s]) => Value.string(s!.asString().replaceAll('\n', '\n' + ' '.repeat(Math.max(0, n!.asNumber())))),
  }),
  substr: define({
    params: [str('str'), param('offset', T.number), param('length', T.number)],
    returns: T.string,
    impl([s, o, l]) {
      const offset = o!.asNumber();
      const length = l!.asNumber();
      if (!Number.isInteger(offset)) throw argError(1, 'invalid offset: must be a whole number');
      if (!Number.isInteger(length)) throw argError(2, 'invalid length: must be a whole number');
      return Value.string(substring(s!.asString(), offset, length));
    },
  }),
  join: define({
    params: [str('separator')],
    varParam: param('lists', listsParam()),
    returns: T.string,
    impl([sep, ...lists]) {
      if (lists.length === 0) throw new FunctionError('at least one list is required');
      const parts: string[] = [];
      for (const [li, list] of lists.entries()) {
        for (const [i, item] of list.elements().entries()) {
          if (item.isNull) throw argError(li + 1, `element ${i} is null; cannot concatenate null values`);
          parts.push(item.asString());
        }
      }
      return Value.string(parts.join(sep!.asString()));
    },
  }),
  split: define({
    params: [str('separator'), str('str')],
    returns: T.list(T.string),
    impl([sep, s]) {
      const text = s!.asString();
      const by = sep!.asString();
      return stringList(by === '' ? Array.from(text) : text.split(by));
    },
  }),
};
