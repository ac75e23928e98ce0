// Regular expression functions: regex, regexall, regex_replace, and replace (which takes a /pattern/ too).

import { T, Value, type Type } from '../value/value.js';
import { RE2SyntaxError, compileRE2, expandReplacement } from './re2.js';
import { FunctionError, argError, define, param, type FunctionDef } from './types.js';

function compile(pattern: string, argIndex: number, global = false): { re: RegExp; groupNames: string[] } {
  try {
    return compileRE2(pattern, global);
  } catch (e) {
    if (e instanceof RE2SyntaxError) throw argError(argIndex, `invalid regexp pattern: ${e.message}`);
    throw argError(argIndex, `error parsing pattern: ${(e as Error).message}`);
  }
}

/** Every match, left to right, skipping empty matches that touch the previous match (Go's FindAll rule). */
export function findAll(re: RegExp, s: string): RegExpExecArray[] {
  const g = new RegExp(re.source, re.flags.includes('g') ? re.flags : re.flags + 'g');
  const out: RegExpExecArray[] = [];
  let prevEnd = -1;
  for (;;) {
    const m = g.exec(s);
    if (!m) break;
    const end = m.index + m[0].length;
    if (m[0].length === 0) {
      if (m.index !== prevEnd) out.push(m);
      g.lastIndex = m.index + (s.codePointAt(m.index)! > 0xffff ? 2 : 1);
      if (m.index >= s.length) break;
    } else {
      out.push(m);
    }
    prevEnd = end;
  }
  return out;
}

function resultType(pattern: string): Type {
  const { groupNames } = compile(pattern, 0);
  const named = groupNames.filter((n) => n !== '');
  if (groupNames.length === 0) return T.string;
  if (named.length > 0 && named.length < groupNames.length) {
    throw argError(0, 'invalid regexp pattern: cannot mix both named and unnamed capture groups');
  }
  if (named.length === 0) return T.tuple(groupNames.map(() => T.string));
  return T.object(Object.fromEntries(named.map((n) => [n, T.string])));
}

function matchValue(m: RegExpExecArray, groupNames: string[], type: Type): Value {
  const group = (i: number) => (m[i + 1] === undefined ? Value.null(T.string) : Value.string(m[i + 1]!));
  if (type.kind === 'string') return Value.string(m[0]);
  if (type.kind === 'tuple') return Value.tuple(groupNames.map((_, i) => group(i)));
  return Value.object(Object.fromEntries(groupNames.map((n, i) => [n, group(i)])));
}

export function replaceAllMatches(s: string, re: RegExp, groupNames: string[], template: string): string {
  let out = '';
  let last = 0;
  for (const m of findAll(re, s)) {
    out += s.slice(last, m.index) + expandReplacement(template, m, groupNames);
    last = m.index + m[0].length;
  }
  return out + s.slice(last);
}

function replaceLiteral(s: string, find: string, replacement: string): string {
  if (find !== '') return s.split(find).join(replacement);
  return replacement + Array.from(s).join(replacement) + (s === '' ? '' : replacement);
}

const str = (name: string) => param(name, T.string);

export const regexFunctions: Record<string, FunctionDef> = {
  regex: define({
    params: [str('pattern'), str('string')],
    returns: ([p]) => resultType(p!.asString()),
    impl([p, s]) {
      const type = resultType(p!.asString());
      const { re, groupNames } = compile(p!.asString(), 0);
      const m = re.exec(s!.asString());
      if (!m) throw new FunctionError('pattern did not match any part of the given string');
      return matchValue(m, groupNames, type);
    },
  }),
  regexall: define({
    params: [str('pattern'), str('string')],
    returns: ([p]) => T.list(resultType(p!.asString())),
    impl([p, s]) {
      const type = resultType(p!.asString());
      const { re, groupNames } = compile(p!.asString(), 0);
      const items = findAll(re, s!.asString()).map((m) => matchValue(m, groupNames, type));
      return Value.ofType(T.list(type), items);
    },
  }),
  regex_replace: define({
    params: [str('str'), str('substr'), str('replace')],
    returns: T.string,
    impl([s, p, r]) {
      const { re, groupNames } = compile(p!.asString(), 1);
      return Value.string(replaceAllMatches(s!.asString(), re, groupNames, r!.asString()));
    },
  }),
  replace: define({
    params: [str('str'), str('substr'), str('replace')],
    returns: T.string,
    impl([s, f, r]) {
      const find = f!.asString();
      if (find.length > 1 && find.startsWith('/') && find.endsWith('/')) {
        const { re, groupNames } = compile(find.slice(1, -1), 1);
        return Value.string(replaceAllMatches(s!.asString(), re, groupNames, r!.asString()));
      }
      return Value.string(replaceLiteral(s!.asString(), find, r!.asString()));
    },
  }),
};
