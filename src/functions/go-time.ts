// Go's time handling as Packer's date functions use it: RFC 3339 parsing with Go's error details, duration
// parsing, and formatting with Go's reference layouts (Mon Jan 2 15:04:05 -0700 MST 2006). Instants carry
// nanoseconds and a fixed UTC offset.

export interface Instant {
  /** Seconds since the Unix epoch (UTC). */
  seconds: number;
  nanos: number;
  /** Offset from UTC in seconds (0 for "Z"). */
  offset: number;
}

export class TimeParseError extends Error {
  constructor(
    readonly layoutElem: string,
    readonly valueElem: string,
    readonly detail: string,
  ) {
    super(detail || `cannot parse ${JSON.stringify(valueElem)} as ${JSON.stringify(layoutElem)}`);
  }
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

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

export function instantOf(date: Date): Instant {
  const ms = date.getTime();
  return { seconds: Math.floor(ms / 1000), nanos: (ms - Math.floor(ms / 1000) * 1000) * 1e6, offset: 0 };
}

export interface Fields {
  year: number;
  month: number;
  day: number;
  weekday: number;
  yearDay: number;
  hour: number;
  minute: number;
  second: number;
  nanos: number;
  offset: number;
}

/** Calendar fields of the instant in its own offset. */
export function fieldsOf(t: Instant): Fields {
  const d = new Date((t.seconds + t.offset) * 1000);
  const start = new Date(0);
  start.setUTCFullYear(d.getUTCFullYear(), 0, 1);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    weekday: d.getUTCDay(),
    yearDay: Math.round((d.getTime() - start.getTime()) / 86400000) + 1,
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
    nanos: t.nanos,
    offset: t.offset,
  };
}

export const monthName = (m: number) => MONTHS[m - 1]!;
export const dayName = (d: number) => DAYS[d]!;
const pad = (n: number, w: number) => String(Math.abs(n)).padStart(w, '0');

/** A UTC offset as Go's zone layouts write it. */
export function zoneText(offset: number, colon: boolean, zulu: boolean, seconds = false, hoursOnly = false): string {
  if (zulu && offset === 0) return 'Z';
  const sign = offset < 0 ? '-' : '+';
  const a = Math.abs(offset);
  const hh = pad(Math.floor(a / 3600), 2);
  const mm = pad(Math.floor((a % 3600) / 60), 2);
  const ss = pad(a % 60, 2);
  if (hoursOnly) return sign + hh;
  const sep = colon ? ':' : '';
  return sign + hh + sep + mm + (seconds ? sep + ss : '');
}

const LAYOUT_TOKENS = [
  'January', 'Jan', 'Monday', 'Mon', 'MST',
  'Z07:00:00', '-07:00:00', 'Z070000', '-070000', 'Z07:00', '-07:00', 'Z0700', '-0700', 'Z07', '-07',
  '2006', '__2', '002', '_2', '01', '02', '03', '04', '05', '06', '15', 'PM', 'pm', '1', '2', '3', '4', '5',
];

/** Formats the instant with a Go reference layout. */
export function formatGoLayout(t: Instant, layout: string): string {
  const f = fieldsOf(t);
  let out = '';
  let i = 0;
  while (i < layout.length) {
    const frac = /^[.,](0+|9+)(?!\d)/.exec(layout.slice(i));
    if (frac) {
      const digits = String(f.nanos).padStart(9, '0').slice(0, frac[1]!.length);
      if (frac[1]![0] === '0') out += frac[0][0] + digits;
      else {
        const trimmed = digits.replace(/0+$/, '');
        if (trimmed !== '') out += frac[0][0] + trimmed;
      }
      i += frac[0].length;
      continue;
    }
    const tok = LAYOUT_TOKENS.find((k) => layout.startsWith(k, i));
    if (!tok) {
      out += layout[i];
      i++;
      continue;
    }
    out += layoutToken(tok, f);
    i += tok.length;
  }
  return out;
}

function layoutToken(tok: string, f: Fields): string {
  const h12 = f.hour % 12 === 0 ? 12 : f.hour % 12;
  switch (tok) {
    case 'January':
      return monthName(f.month);
    case 'Jan':
      return monthName(f.month).slice(0, 3);
    case 'Monday':
      return dayName(f.weekday);
    case 'Mon':
      return dayName(f.weekday).slice(0, 3);
    case 'MST':
      return f.offset === 0 ? 'UTC' : zoneText(f.offset, false, false);
    case '2006':
      return pad(f.year, 4);
    case '06':
      return pad(f.year % 100, 2);
    case '01':
      return pad(f.month, 2);
    case '1':
      return String(f.month);
    case '02':
      return pad(f.day, 2);
    case '_2':
      return String(f.day).padStart(2, ' ');
    case '2':
      return String(f.day);
    case '__2':
      return String(f.yearDay).padStart(3, ' ');
    case '002':
      return pad(f.yearDay, 3);
    case '15':
      return pad(f.hour, 2);
    case '03':
      return pad(h12, 2);
    case '3':
      return String(h12);
    case '04':
      return pad(f.minute, 2);
    case '4':
      return String(f.minute);
    case '05':
      return pad(f.second, 2);
    case '5':
      return String(f.second);
    case 'PM':
      return f.hour >= 12 ? 'PM' : 'AM';
    case 'pm':
      return f.hour >= 12 ? 'pm' : 'am';
    default: {
      const zulu = tok.startsWith('Z');
      const body = tok.slice(1);
      return zoneText(f.offset, body.includes(':'), zulu, body.replaceAll(':', '').length === 6, body.length === 2);
    }
  }
}

export const RFC3339 = '2006-01-02T15:04:05Z07:00';
