// Go's time handling as Packer's date functions use it: RFC 3339 parsing with Go's error details and duration
// parsing. Formatting with Go's reference layouts is src/gotemplate/reference-time.ts, shared with the JSON templates.

import type { Instant } from '../gotemplate/reference-time.js';

export class TimeParseError extends Error {
  constructor(
    readonly layoutElem: string,
    readonly valueElem: string,
    readonly detail: string,
  ) {
    super(detail || `cannot parse ${JSON.stringify(valueElem)} as ${JSON.stringify(layoutElem)}`);
  }
}

function daysIn(month: number, year: number): number {
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!;
}

function epochSeconds(year: number, month: number, day: number, h: number, m: number, s: number): number {
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day);
  d.setUTCHours(h, m, s, 0);
  return d.getTime() / 1000;
}

/** Parses an RFC 3339 timestamp as Go's time.Parse(time.RFC3339, ...) does. */
export function parseRFC3339(text: string): Instant {
  let rest = text;
  const num = (layout: string, fixed: boolean): number => {
    const m = (fixed ? /^\d\d/ : /^\d\d?/).exec(rest);
    if (!m) throw new TimeParseError(layout, rest, '');
    rest = rest.slice(m[0].length);
    return Number(m[0]);
  };
  const lit = (l: string) => {
    if (!rest.startsWith(l)) throw new TimeParseError(l, rest, '');
    rest = rest.slice(l.length);
  };
  const range = (layout: string, what: string, ok: boolean) => {
    if (!ok) throw new TimeParseError(layout, rest, `: ${what} out of range`);
  };
  if (rest.length < 4 || !/^\d/.test(rest)) throw new TimeParseError('2006', rest, '');
  const yearText = rest.slice(0, 4);
  rest = rest.slice(4);
  // Go reports a malformed year with the text after its four characters.
  if (!/^\d{4}$/.test(yearText)) throw new TimeParseError('2006', rest, '');
  const year = Number(yearText);
  lit('-');
  const month = num('01', true);
  range('01', 'month', month >= 1 && month <= 12);
  lit('-');
  const day = num('02', true);
  range('02', 'day', day >= 1 && day <= 31);
  lit('T');
  const hour = num('15', false);
  range('15', 'hour', hour < 24);
  lit(':');
  const minute = num('04', true);
  range('04', 'minute', minute < 60);
  lit(':');
  const second = num('05', true);
  range('05', 'second', second < 60);
  let nanos = 0;
  const frac = /^[.,](\d+)/.exec(rest);
  if (frac) {
    nanos = Number(frac[1]!.slice(0, 9).padEnd(9, '0'));
    rest = rest.slice(frac[0].length);
  }
  let offset = 0;
  if (rest.startsWith('Z')) rest = rest.slice(1);
  else {
    const z = /^([+-])(\d\d):(\d\d)/.exec(rest);
    if (!z) throw new TimeParseError('Z07:00', rest, '');
    const hh = Number(z[2]);
    range('Z07:00', 'time zone offset hour', hh <= 24);
    offset = (z[1] === '-' ? -1 : 1) * (hh * 3600 + Number(z[3]) * 60);
    rest = rest.slice(6);
  }
  if (rest !== '') throw new TimeParseError('', rest, `: extra text: ${JSON.stringify(rest)}`);
  if (day > daysIn(month, year)) throw new TimeParseError('', '', ': day out of range');
  return { seconds: epochSeconds(year, month, day, hour, minute, second) - offset, nanos, offset };
}

const UNITS: Record<string, number> = { ns: 1, us: 1e3, 'µs': 1e3, 'μs': 1e3, ms: 1e6, s: 1e9, m: 60e9, h: 3600e9 };

/** Nanoseconds of a Go duration string ("1h30m", "-1.5s"); throws Error worded as Go's time.ParseDuration. */
export function parseDuration(text: string): number {
  const quoted = JSON.stringify(text);
  let s = text;
  let sign = 1;
  if (s.startsWith('-') || s.startsWith('+')) {
    sign = s.startsWith('-') ? -1 : 1;
    s = s.slice(1);
  }
  if (s === '0') return 0;
  if (s === '') throw new Error(`time: invalid duration ${quoted}`);
  let total = 0;
  while (s !== '') {
    const m = /^(\d*)(?:\.(\d*))?/.exec(s)!;
    if (m[0] === '' || m[0] === '.') throw new Error(`time: invalid duration ${quoted}`);
    s = s.slice(m[0].length);
    const u = /^[^\d.]+/.exec(s);
    if (!u) throw new Error(`time: missing unit in duration ${quoted}`);
    const unit = UNITS[u[0]];
    if (unit === undefined) throw new Error(`time: unknown unit ${JSON.stringify(u[0])} in duration ${quoted}`);
    s = s.slice(u[0].length);
    total += Number(`${m[1] || '0'}.${m[2] || '0'}`) * unit;
  }
  return sign * Math.round(total);
}

/** The instant moved by `nanos` nanoseconds. */
export function addNanos(t: Instant, nanos: number): Instant {
  const total = BigInt(t.seconds) * 1_000_000_000n + BigInt(t.nanos) + BigInt(nanos);
  const sec = total / 1_000_000_000n - (total % 1_000_000_000n < 0n ? 1n : 0n);
  return { seconds: Number(sec), nanos: Number(total - sec * 1_000_000_000n), offset: t.offset };
}
