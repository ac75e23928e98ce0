// Numeric functions. Numbers are JavaScript doubles; go-cty keeps arbitrary-precision decimals, so results
// beyond 2^53 or with more than ~15 significant digits may differ in the last digits.

import { T, Value, typeName } from '../value/value.js';
import { quoteGo as goQuote } from '../value/format.js';
import { FunctionError, argError, define, param, type FunctionDef } from './types.js';

const num = (name: string) => param(name, T.number);

function unary(f: (n: number) => number): FunctionDef {
  return define({ params: [num('num')], returns: T.number, impl: ([n]) => Value.number(f(n!.asNumber())) });
}

function extreme(pick: (a: number, b: number) => boolean): FunctionDef {
  return define({
    params: [],
    varParam: num('numbers'),
    returns: T.number,
    impl(args) {
      if (args.length === 0) throw new FunctionError('must pass at least one number');
      let best = args[0]!.asNumber();
      for (const a of args) if (pick(a.asNumber(), best)) best = a.asNumber();
      return Value.number(best);
    },
  });
}

/** Digits for bases up to 62, as Go's big.Int SetString reads them. */
const DIGITS = '0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';

export function parseInteger(text: string, base: number): number | undefined {
  let s = text;
  let sign = 1;
  if (s.startsWith('+') || s.startsWith('-')) {
    sign = s.startsWith('-') ? -1 : 1;
    s = s.slice(1);
  }
  if (s === '') return undefined;
  let n = 0n;
  const b = BigInt(base);
  for (const ch of s) {
    // Bases up to 36 read letters in either case; above that, upper case letters are the digits 36..61.
    const d = base <= 36 ? DIGITS.indexOf(ch.toLowerCase()) : DIGITS.indexOf(ch);
    if (d < 0 || d >= base) return undefined;
    n = n * b + BigInt(d);
  }
  return sign * Number(n);
}

export const numericFunctions: Record<string, FunctionDef> = {
  abs: unary(Math.abs),
  ceil: unary(Math.ceil),
  floor: unary(Math.floor),
  signum: unary((n) => (n > 0 ? 1 : n < 0 ? -1 : 0)),
  log: define({
    params: [num('num'), num('base')],
    returns: T.number,
    impl: ([n, b]) => Value.number(Math.log(n!.asNumber()) / Math.log(b!.asNumber())),
  }),
  pow: define({
    params: [num('num'), num('power')],
    returns: T.number,
    impl: ([n, p]) => Value.number(Math.pow(n!.asNumber(), p!.asNumber())),
  }),
  max: extreme((a, b) => a > b),
  min: extreme((a, b) => a < b),
  parseint: define({
    params: [param('number', T.dynamic), num('base')],
    returns: T.number,
    impl([n, b]) {
      if (n!.type.kind !== 'string') throw argError(0, `first argument must be a string, not ${typeName(n!.type)}`);
      const base = b!.asNumber();
      if (!Number.isInteger(base)) throw argError(1, 'base must be a whole number');
      if (base < 2 || base > 62) throw argError(1, 'base must be a whole number between 2 and 62 inclusive');
      const parsed = parseInteger(n!.asString(), base);
      if (parsed === undefined) throw argError(0, `cannot parse ${goQuote(n!.asString())} as a base ${base} integer`);
      return Value.number(parsed);
    },
  }),
  sum: define({
    params: [param('list', T.dynamic)],
    returns: T.number,
    impl([list]) {
      const kind = list!.type.kind;
      if (kind !== 'list' && kind !== 'set' && kind !== 'tuple') {
        throw argError(0, `argument must be list, set, or tuple. Received ${typeName(list!.type)}`);
      }
      const items = list!.elements();
      if (items.length === 0) throw argError(0, 'cannot sum an empty list');
      let total = 0;
      for (const it of items) {
        if (it.type.kind !== 'number') throw argError(0, 'argument must be list, set, or tuple of number values');
        if (it.isNull) throw argError(0, 'argument must be list, set, or tuple of number values');
        const x = it.asNumber();
        if (Number.isNaN(total + x)) throw argError(0, "can't compute sum of opposing infinities");
        total += x;
      }
      return Value.number(total);
    },
  }),
};

