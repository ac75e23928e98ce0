// Date and time functions: formatdate, timeadd, timestamp, and the legacy_isotime / legacy_strftime
// functions kept from Packer's JSON templates (they format the time the run started, in UTC).

import { T, Value } from '../value/value.js';
import { RFC3339, dayName, fieldsOf, formatGoTime, monthName, zoneName, zoneText, type Instant } from '../gotemplate/reference-time.js';
import { formatStrftime } from '../gotemplate/strftime.js';
import { TimeParseError, addNanos, parseDuration, parseRFC3339 } from './go-time.js';
import { FunctionError, argError, define, param, type FunctionDef } from './types.js';

const LAYOUT_NAMES: Record<string, string> = {
  '2006': 'year',
  '01': 'month',
  '02': 'day of month',
  '15': 'hour',
  '04': 'minute',
  '05': 'second',
  'Z07:00': 'UTC offset',
};

/** Parses a timestamp, with cty's friendlier wording of Go's errors (blaming `argIndex` when given). */
function parseTimestamp(text: string, argIndex?: number): Instant {
  try {
    return parseRFC3339(text);
  } catch (e) {
    if (!(e instanceof TimeParseError)) throw e;
    const fail = (m: string) => new FunctionError(`not a valid RFC3339 timestamp${m}`, argIndex);
    if (e.layoutElem === '' && e.valueElem === '') throw fail(e.detail);
    if (e.layoutElem === 'T') throw fail(": missing required time introducer 'T'");
    if (e.layoutElem === ':' || e.layoutElem === '-') {
      throw fail(
        e.valueElem === ''
          ? `: end of string where ${JSON.stringify(e.layoutElem)} is expected`
          : `: found ${JSON.stringify(e.valueElem)} where ${JSON.stringify(e.layoutElem)} is expected`,
      );
    }
    const what = LAYOUT_NAMES[e.layoutElem] ?? 'timestamp segment';
    throw fail(e.valueElem === '' ? `: end of string before ${what}` : `: cannot use ${JSON.stringify(e.valueElem)} as ${what}`);
  }
}

/** Splits a formatdate spec into tokens: runs of one letter, quoted literals, and other text. */
function dateTokens(spec: string): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < spec.length) {
    const c = spec[i]!;
    if (c === "'") {
      if (spec[i + 1] === "'") {
        out.push("''");
        i += 2;
        continue;
      }
      let j = i + 1;
      for (; j < spec.length; j++) {
        if (spec[j] === "'") {
          if (spec[j + 1] === "'") {
            j++;
            continue;
          }
          break;
        }
      }
      // A quoted literal that closes at the very end of the spec is dropped, as cty's tokenizer does.
      if (j >= spec.length - 1) break;
      out.push(spec.slice(i, j + 1));
      i = j + 1;
      continue;
    }
    let j = i + 1;
    if (/[A-Za-z]/.test(c)) while (spec[j] === c) j++;
    else while (j < spec.length && spec[j] !== "'" && !/[A-Za-z]/.test(spec[j]!)) j++;
    out.push(spec.slice(i, j));
    i = j;
  }
  return out;
}

function formatDate(spec: string, t: Instant): string {
  const f = fieldsOf(t);
  const bad = (tok: string, why: string) => argError(0, `invalid date format verb ${JSON.stringify(tok)}${why}`);
  const num = (tok: string, n: number, what: string, letter: string) => {
    if (tok.length === 1) return String(n);
    if (tok.length === 2) return String(n).padStart(2, '0');
    throw bad(tok, `: ${what} must either be "${letter}" or "${letter}${letter}"`);
  };
  let out = '';
  for (const tok of dateTokens(spec)) {
    const c = tok[0]!;
    if (c === "'") {
      out += tok === "''" ? "'" : tok.slice(1, tok.endsWith("'") && tok.length > 1 ? -1 : undefined).replaceAll("''", "'");
      continue;
    }
    if (!/[A-Za-z]/.test(c)) {
      out += tok;
      continue;
    }
    switch (c) {
      case 'Y':
        if (tok.length === 2) out += String(f.year % 100).padStart(2, '0');
        else if (tok.length === 4) out += String(f.year).padStart(4, '0');
        else throw bad(tok, ': year must either be "YY" or "YYYY"');
        break;
      case 'M':
        if (tok.length <= 2) out += num(tok, f.month, 'month', 'M');
        else if (tok.length === 3) out += monthName(f.month).slice(0, 3);
        else if (tok.length === 4) out += monthName(f.month);
        else throw bad(tok, ': month must be "M", "MM", "MMM", or "MMMM"');
        break;
      case 'D':
        out += num(tok, f.day, 'day of month', 'D');
        break;
      case 'E':
        if (tok.length === 3) out += dayName(f.weekday).slice(0, 3);
        else if (tok.length === 4) out += dayName(f.weekday);
        else throw bad(tok, ': day of week must either be "EEE" or "EEEE"');
        break;
      case 'h':
        out += num(tok, f.hour, '24-hour', 'h');
        break;
      case 'H':
        out += num(tok, f.hour % 12 === 0 ? 12 : f.hour % 12, '12-hour', 'H');
        break;
      case 'A':
      case 'a':
        if (tok.length !== 2) throw bad(tok, `: must be "${c}${c}"`);
        out += c === 'A' ? (f.hour < 12 ? 'AM' : 'PM') : f.hour < 12 ? 'am' : 'pm';
        break;
      case 'm':
        out += num(tok, f.minute, 'minute', 'm');
        break;
      case 's':
        out += num(tok, f.second, 'second', 's');
        break;
      case 'Z':
        if (tok.length === 1) out += zoneText(f.offset, { zulu: true, colon: true });
        else if (tok.length === 3) out += zoneName(f.offset);
        else if (tok.length === 4) out += zoneText(f.offset, {});
        else if (tok.length === 5) out += zoneText(f.offset, { colon: true });
        else throw bad(tok, ': timezone must be Z, ZZZZ, or ZZZZZ');
        break;
      default:
        throw bad(tok, '');
    }
  }
  return out;
}

function legacy(render: (format: string, start: Date) => string): FunctionDef {
  return define({
    params: [],
    varParam: param('format', T.string),
    returns: T.string,
    impl(args, ctx) {
      if (args.length > 1) throw new FunctionError(`too many values, 1 needed: [${args.map((a) => a.asString()).join(' ')}]`);
      const start = ctx.now();
      return Value.string(args.length === 0 ? formatGoTime(start, RFC3339) : render(args[0]!.asString(), start));
    },
  });
}

export const datetimeFunctions: Record<string, FunctionDef> = {
  formatdate: define({
    params: [param('format', T.string), param('time', T.string)],
    returns: T.string,
    impl: ([spec, time]) => Value.string(formatDate(spec!.asString(), parseTimestamp(time!.asString(), 1))),
  }),
  timeadd: define({
    params: [param('timestamp', T.string), param('duration', T.string)],
    returns: T.string,
    impl([ts, d]) {
      const t = parseTimestamp(ts!.asString());
      let nanos: number;
      try {
        nanos = parseDuration(d!.asString());
      } catch (e) {
        throw new FunctionError((e as Error).message);
      }
      return Value.string(formatGoTime(addNanos(t, nanos), RFC3339));
    },
  }),
  timestamp: define({
    params: [],
    returns: T.string,
    impl: (_, ctx) => Value.string(formatGoTime(ctx.now(), RFC3339)),
  }),
  legacy_isotime: legacy((format, t) => formatGoTime(t, format)),
  legacy_strftime: legacy(formatStrftime),
};
