// Go's time.Format: layouts written as the reference time `Mon Jan 2 15:04:05 MST 2006` (`2006-01-02T15:04:05Z07:00`).
// The chunk recognition follows Go's nextStdChunk. A time is an Instant (seconds, nanoseconds and a fixed UTC offset,
// as Go's time.Time with a fixed zone) or a Date, which is taken in UTC as Packer formats its start time.

const LONG_MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const LONG_DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** Go's time.RFC3339 layout, isotime's default. */
export const RFC3339 = '2006-01-02T15:04:05Z07:00';

/** A point in time with nanoseconds, seen in a fixed UTC offset. */
export interface Instant {
  /** Seconds since the Unix epoch (UTC). */
  seconds: number;
  nanos: number;
  /** Offset from UTC in seconds (0 for "Z"). */
  offset: number;
}

/** The Date as an Instant in UTC. */
export function instantOf(date: Date): Instant {
  const ms = date.getTime();
  const seconds = Math.floor(ms / 1000);
  return { seconds, nanos: (ms - seconds * 1000) * 1e6, offset: 0 };
}

/** Calendar fields of an instant in its own offset. */
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

export function fieldsOf(t: Instant): Fields {
  const d = new Date((t.seconds + t.offset) * 1000);
  const year = d.getUTCFullYear();
  const start = new Date(0);
  start.setUTCFullYear(year, 0, 1);
  return {
    year,
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    weekday: d.getUTCDay(),
    yearDay: Math.floor((d.getTime() - start.getTime()) / 86_400_000) + 1,
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
    nanos: t.nanos,
    offset: t.offset,
  };
}

/** English month name, 1-based. */
export const monthName = (month: number) => LONG_MONTHS[month - 1]!;
/** English day name, 0 for Sunday. */
export const dayName = (weekday: number) => LONG_DAYS[weekday]!;

const pad = (n: number, width: number) => String(n).padStart(width, '0');

export interface ZoneStyle {
  /** "Z" for a zero offset. */
  zulu?: boolean;
  colon?: boolean;
  seconds?: boolean;
  hoursOnly?: boolean;
}

/** A UTC offset as Go's zone layouts write it (`+0530`, `-07:00`, `Z`, `+05`, `+05:30:00`). */
export function zoneText(offset: number, style: ZoneStyle): string {
  if (style.zulu && offset === 0) return 'Z';
  const a = Math.abs(offset);
  const sep = style.colon ? ':' : '';
  let out = (offset < 0 ? '-' : '+') + pad(Math.floor(a / 3600), 2);
  if (!style.hoursOnly) out += sep + pad(Math.floor((a % 3600) / 60), 2);
  if (style.seconds) out += sep + pad(a % 60, 2);
  return out;
}

/** Go's `MST`: the zone's name, which for the fixed offsets of parsed timestamps is the numeric offset. */
export const zoneName = (offset: number) => (offset === 0 ? 'UTC' : zoneText(offset, {}));

type Chunk =
  | 'longMonth' | 'month' | 'numMonth' | 'zeroMonth'
  | 'longWeekDay' | 'weekDay'
  | 'day' | 'underDay' | 'zeroDay' | 'underYearDay' | 'zeroYearDay'
  | 'hour' | 'hour12' | 'zeroHour12' | 'minute' | 'zeroMinute' | 'second' | 'zeroSecond'
  | 'longYear' | 'year' | 'PM' | 'pm' | 'tz'
  | { zone: ZoneStyle }
  | { frac: number; trim: boolean };

const lower = (c: string | undefined) => c !== undefined && c >= 'a' && c <= 'z';
const digit = (c: string | undefined) => c !== undefined && c >= '0' && c <= '9';

/** Zone layouts, longest first for each lead character; the `Z` forms write "Z" for UTC. */
const TZ_CHUNKS: [string, ZoneStyle][] = [
  ['Z070000', { zulu: true, seconds: true }], ['Z07:00:00', { zulu: true, colon: true, seconds: true }],
  ['Z0700', { zulu: true }], ['Z07:00', { zulu: true, colon: true }], ['Z07', { zulu: true, hoursOnly: true }],
  ['-070000', { seconds: true }], ['-07:00:00', { colon: true, seconds: true }],
  ['-0700', {}], ['-07:00', { colon: true }], ['-07', { hoursOnly: true }],
];

/** The next layout element at `i`: its length and kind, or undefined for a literal character. */
function chunkAt(layout: string, i: number): { len: number; chunk: Chunk } | undefined {
  const s = layout.slice(i);
  const c = layout[i];
  switch (c) {
    case 'J':
      if (s.startsWith('January')) return { len: 7, chunk: 'longMonth' };
      if (s.startsWith('Jan') && !lower(s[3])) return { len: 3, chunk: 'month' };
      return undefined;
    case 'M':
      if (s.startsWith('Monday')) return { len: 6, chunk: 'longWeekDay' };
      if (s.startsWith('Mon') && !lower(s[3])) return { len: 3, chunk: 'weekDay' };
      if (s.startsWith('MST')) return { len: 3, chunk: 'tz' };
      return undefined;
    case '0':
      if (s[1] !== undefined && s[1] >= '1' && s[1] <= '6') {
        const kinds: Chunk[] = ['zeroMonth', 'zeroDay', 'zeroHour12', 'zeroMinute', 'zeroSecond', 'year'];
        return { len: 2, chunk: kinds[Number(s[1]) - 1]! };
      }
      if (s.startsWith('002')) return { len: 3, chunk: 'zeroYearDay' };
      return undefined;
    case '1':
      return s.startsWith('15') ? { len: 2, chunk: 'hour' } : { len: 1, chunk: 'numMonth' };
    case '2':
      return s.startsWith('2006') ? { len: 4, chunk: 'longYear' } : { len: 1, chunk: 'day' };
    case '_':
      if (s[1] === '2') {
        // "_2006" is a literal underscore followed by the year.
        if (s.startsWith('_2006')) return undefined;
        return { len: 2, chunk: 'underDay' };
      }
      if (s.startsWith('__2')) return { len: 3, chunk: 'underYearDay' };
      return undefined;
    case '3':
      return { len: 1, chunk: 'hour12' };
    case '4':
      return { len: 1, chunk: 'minute' };
    case '5':
      return { len: 1, chunk: 'second' };
    case 'P':
      return s.startsWith('PM') ? { len: 2, chunk: 'PM' } : undefined;
    case 'p':
      return s.startsWith('pm') ? { len: 2, chunk: 'pm' } : undefined;
    case '-':
    case 'Z':
      for (const [text, zone] of TZ_CHUNKS) {
        if (text[0] === c && s.startsWith(text)) return { len: text.length, chunk: { zone } };
      }
      return undefined;
    case '.':
    case ',':
      if (s[1] === '0' || s[1] === '9') {
        let j = 1;
        while (s[j] === s[1]) j++;
        if (!digit(s[j])) return { len: j, chunk: { frac: j - 1, trim: s[1] === '9' } };
      }
      return undefined;
  }
  return undefined;
}

function render(chunk: Chunk, f: Fields, sep: string): string {
  if (typeof chunk === 'object') {
    if ('zone' in chunk) return zoneText(f.offset, chunk.zone);
    let digits = pad(f.nanos, 9).slice(0, chunk.frac);
    if (chunk.trim) digits = digits.replace(/0+$/, '');
    return digits === '' ? '' : sep + digits;
  }
  const hour12 = f.hour % 12 === 0 ? 12 : f.hour % 12;
  switch (chunk) {
    case 'year': return pad(Math.abs(f.year) % 100, 2);
    case 'longYear': return f.year < 0 ? '-' + pad(-f.year, 4) : pad(f.year, 4);
    case 'month': return monthName(f.month).slice(0, 3);
    case 'longMonth': return monthName(f.month);
    case 'numMonth': return String(f.month);
    case 'zeroMonth': return pad(f.month, 2);
    case 'weekDay': return dayName(f.weekday).slice(0, 3);
    case 'longWeekDay': return dayName(f.weekday);
    case 'day': return String(f.day);
    case 'underDay': return String(f.day).padStart(2, ' ');
    case 'zeroDay': return pad(f.day, 2);
    case 'underYearDay': return String(f.yearDay).padStart(3, ' ');
    case 'zeroYearDay': return pad(f.yearDay, 3);
    case 'hour': return pad(f.hour, 2);
    case 'hour12': return String(hour12);
    case 'zeroHour12': return pad(hour12, 2);
    case 'minute': return String(f.minute);
    case 'zeroMinute': return pad(f.minute, 2);
    case 'second': return String(f.second);
    case 'zeroSecond': return pad(f.second, 2);
    case 'PM': return f.hour >= 12 ? 'PM' : 'AM';
    case 'pm': return f.hour >= 12 ? 'pm' : 'am';
    case 'tz': return zoneName(f.offset);
  }
}

/** Formats a time with a Go reference-time layout; a Date is formatted in UTC. */
export function formatGoTime(t: Date | Instant, layout: string): string {
  const f = fieldsOf(t instanceof Date ? instantOf(t) : t);
  let out = '';
  for (let i = 0; i < layout.length; ) {
    const found = chunkAt(layout, i);
    if (!found) {
      out += layout[i];
      i++;
      continue;
    }
    out += render(found.chunk, f, layout[i]!);
    i += found.len;
  }
  return out;
}
