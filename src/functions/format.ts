// format and formatlist: printf-style formatting with Go's verbs, as cty implements them.
// Numbers are doubles, so %f/%e/%g of values that cty holds more precisely may round differently in the
// last digit (for example %.2f of 2.675).

import { convert } from '../value/convert.js';
import { T, Value } from '../value/value.js';
import { quoteJSON, valueToJSON } from '../value/json.js';
import { goExponent, goFixed, goGeneral } from './go-float.js';
import { graphemes } from '../util/graphemes.js';
import { FunctionError, argError, define, param, type FunctionDef } from './types.js';

interface Verb {
  raw: string;
  offset: number;
  argNum: number;
  mode: string;
  zero: boolean;
  sharp: boolean;
  plus: boolean;
  minus: boolean;
  space: boolean;
  width: number; // -1 when absent
  prec: number; // -1 when absent
}

const VERB = /^%([ +\-0#]*)(?:\[(\d+)\])?(\d*)(?:\.(\d*))?(.)?/su;

function utf8Length(s: string): number {
  return Buffer.byteLength(s, 'utf8');
}

/** Formats `args` according to `format`; throws FunctionError worded as cty does. */
export function formatValues(format: string, args: readonly Value[]): string {
  let out = '';
  let i = 0;
  let nextArg = 1;
  let highest = 0;
  while (i < format.length) {
    const pct = format.indexOf('%', i);
    if (pct < 0) {
      out += format.slice(i);
      break;
    }
    out += format.slice(i, pct);
    if (format[pct + 1] === '%') {
      out += '%';
      i = pct + 2;
      continue;
    }
    const m = VERB.exec(format.slice(pct));
    const offset = utf8Length(format.slice(0, pct));
    if (!m || m[5] === undefined || (m[4] !== undefined && m[4] === '')) {
      throw new FunctionError(`invalid format string starting at offset ${offset}`);
    }
    const flags = m[1]!;
    const argNum = m[2] !== undefined ? Number(m[2]) : nextArg;
    const verb: Verb = {
      raw: m[0],
      offset,
      argNum,
      mode: m[5],
      zero: flags.includes('0'),
      sharp: flags.includes('#'),
      plus: flags.includes('+'),
      minus: flags.includes('-'),
      space: flags.includes(' '),
      width: m[3] ? Number(m[3]) : -1,
      prec: m[4] !== undefined ? Number(m[4]) : -1,
    };
    nextArg = argNum + 1;
    highest = Math.max(highest, argNum);
    out += formatOne(verb, args);
    i = pct + m[0].length;
  }
  if (highest < args.length) {
    const firstBad = highest + 1;
    if (highest === 0) throw argError(firstBad, 'too many arguments; no verbs in format string');
    throw argError(firstBad, `too many arguments; only ${highest} used by format string`);
  }
  return out;
}

function formatOne(verb: Verb, args: readonly Value[]): string {
  if (verb.argNum - 1 >= args.length) {
    throw new FunctionError(
      `not enough arguments for ${JSON.stringify(verb.raw)} at ${verb.offset}: need index ${verb.argNum} but have ${args.length} total`,
    );
  }
  const arg = args[verb.argNum - 1]!;
  if (verb.mode !== 'v' && arg.isNull) {
    throw new FunctionError(`unsupported value for ${JSON.stringify(verb.raw)} at ${verb.offset}: null value cannot be formatted`);
  }
  switch (verb.mode) {
    case 'v':
      return formatAsIs(verb, arg);
    case 't':
      return convertFor(verb, arg, 'bool').asBool() ? 'true' : 'false';
    case 'b':
    case 'd':
    case 'o':
    case 'x':
    case 'X':
    case 'e':
    case 'E':
    case 'f':
    case 'F':
    case 'g':
    case 'G':
      return formatNumberVerb(verb, convertFor(verb, arg, 'number').asNumber());
    case 's':
    case 'q':
      return formatString(verb, convertFor(verb, arg, 'string').asString());
    default:
      throw new FunctionError(`unsupported format verb ${goRune(verb.mode)} in ${JSON.stringify(verb.raw)} at offset ${verb.offset}`);
  }
}

function goRune(ch: string): string {
  return ch === "'" ? "'\\''" : `'${ch}'`;
}

function convertFor(verb: Verb, arg: Value, kind: 'bool' | 'number' | 'string'): Value {
  try {
    return convert(arg, T[kind]);
  } catch (e) {
    throw new FunctionError(`unsupported value for ${JSON.stringify(verb.raw)} at ${verb.offset}: ${(e as Error).message}`);
  }
}

function pad(verb: Verb, text: string): string {
  if (verb.width < 0) return text;
  const len = graphemes(text).length;
  if (len >= verb.width) return text;
  const pads = (verb.zero ? '0' : ' ').repeat(verb.width - len);
  return verb.minus ? text + pads : pads + text;
}

function formatAsIs(verb: Verb, arg: Value): string {
  if (!verb.sharp && !arg.isNull) {
    if (arg.type.kind === 'string') return pad(verb, arg.asString());
    if (arg.type.kind === 'number') return pad(verb, numberText(arg.asNumber()));
  }
  return pad(verb, valueToJSON(arg));
}

/** A number as %v writes it (big.Float's shortest 'g'). */
function numberText(n: number): string {
  if (!Number.isFinite(n)) return n > 0 ? '+Inf' : '-Inf';
  return (n < 0 ? '-' : '') + goGeneral(n);
}

function formatString(verb: Verb, s: string): string {
  const text = verb.prec > 0 ? graphemes(s).slice(0, verb.prec).join('') : s;
  return pad(verb, verb.mode === 'q' ? quoteJSON(text) : text);
}

/** Go's fmt padding for numbers: sign handling, zero padding after the sign, left or right justification. */
function padNumber(verb: Verb, negative: boolean, body: string): string {
  const sign = negative ? '-' : verb.plus ? '+' : verb.space ? ' ' : '';
  const len = sign.length + body.length;
  if (verb.width < 0 || len >= verb.width) return sign + body;
  const fill = verb.width - len;
  if (verb.minus) return sign + body + ' '.repeat(fill);
  if (verb.zero) return sign + '0'.repeat(fill) + body;
  return ' '.repeat(fill) + sign + body;
}

function formatNumberVerb(verb: Verb, n: number): string {
  const negative = n < 0 || Object.is(n, -0);
  if (verb.mode === 'b' || verb.mode === 'd' || verb.mode === 'o' || verb.mode === 'x' || verb.mode === 'X') {
    if (!Number.isInteger(n)) {
      throw new FunctionError(`unsupported value for ${JSON.stringify(verb.raw)} at ${verb.offset}: an integer is required`);
    }
    const radix = { b: 2, d: 10, o: 8, x: 16, X: 16 }[verb.mode];
    let digits = BigInt(Math.abs(n)).toString(radix);
    if (verb.mode === 'X') digits = digits.toUpperCase();
    if (verb.prec >= 0) digits = digits.padStart(verb.prec, '0');
    if (verb.sharp) digits = ({ b: '0b', d: '', o: '0', x: '0x', X: '0X' }[verb.mode] ?? '') + digits;
    return padNumber(verb.prec >= 0 ? { ...verb, zero: false } : verb, negative, digits);
  }
  if (!Number.isFinite(n)) {
    const text = Number.isNaN(n) ? 'NaN' : n > 0 ? '+Inf' : '-Inf';
    return pad({ ...verb, zero: false }, text);
  }
  const abs = Math.abs(n);
  let body: string;
  switch (verb.mode) {
    case 'e':
    case 'E':
      body = goExponent(abs, verb.prec < 0 ? 6 : verb.prec, verb.mode === 'E');
      break;
    case 'f':
    case 'F':
      body = goFixed(abs, verb.prec < 0 ? 6 : verb.prec);
      break;
    default:
      body = goGeneral(abs, verb.prec < 0 ? undefined : verb.prec, verb.mode === 'G');
  }
  return padNumber(verb, n < 0, body);
}

const formatFn: FunctionDef = define({
  params: [param('format', T.string)],
  varParam: param('args', T.dynamic, { allowNull: true }),
  returns: T.string,
  impl: ([f, ...args]) => Value.string(formatValues(f!.asString(), args)),
});

export const formatFunctions: Record<string, FunctionDef> = {
  format: formatFn,
  formatlist: define({
    params: [param('format', T.string)],
    varParam: param('args', T.dynamic, { allowNull: true }),
    returns: T.list(T.string),
    impl([f, ...args]) {
      const format = f!.asString();
      if (args.length === 0) return Value.list([Value.string(formatValues(format, []))]);
      let length = -1;
      let chooser = -1;
      for (const [i, a] of args.entries()) {
        const k = a.type.kind;
        if ((k === 'list' || k === 'set' || k === 'tuple') && !a.isNull) {
          if (length === -1) {
            length = a.length;
            chooser = i;
          } else if (a.length !== length) {
            throw argError(
              i + 1,
              `argument ${i + 1} has length ${a.length}, which is inconsistent with argument ${chooser + 1} of length ${length}`,
            );
          }
        }
      }
      if (length === 0) return Value.list([], T.string);
      const rows = length === -1 ? 1 : length;
      const out: Value[] = [];
      for (let r = 0; r < rows; r++) {
        const row = args.map((a) => {
          const k = a.type.kind;
          return (k === 'list' || k === 'set' || k === 'tuple') && !a.isNull ? a.elements()[r]! : a;
        });
        try {
          out.push(Value.string(formatValues(format, row)));
        } catch (e) {
          if (e instanceof FunctionError && e.argIndex === undefined) {
            throw new FunctionError(`error on format iteration ${r}: ${e.message}`);
          }
          throw e;
        }
      }
      return Value.list(out, T.string);
    },
  }),
};
