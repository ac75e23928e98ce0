// Go's time.Format: layouts written as the reference time `Mon Jan 2 15:04:05 MST 2006` (`2006-01-02T15:04:05Z07:00`).
// The chunk recognition follows Go's nextStdChunk; times are formatted in UTC (Packer formats its start time in UTC).

const LONG_MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const LONG_DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** Go's time.RFC3339 layout, isotime's default. */
export const RFC3339 = '2006-01-02T15:04:05Z07:00';

type Chunk =
  | 'longMonth' | 'month' | 'numMonth' | 'zeroMonth'
  | 'longWeekDay' | 'weekDay'
  | 'day' | 'underDay' | 'zeroDay' | 'underYearDay' | 'zeroYearDay'
  | 'hour' | 'hour12' | 'zeroHour12' | 'minute' | 'zeroMinute' | 'second' | 'zeroSecond'
  | 'longYear' | 'year' | 'PM' | 'pm'
  | 'tz' | 'iso8601TZ' | 'iso8601SecondsTZ' | 'iso8601ShortTZ' | 'iso8601ColonTZ' | 'iso8601ColonSecondsTZ'
  | 'numTZ' | 'numSecondsTz' | 'numShortTZ' | 'numColonTZ' | 'numColonSecondsTZ'
  | { frac: number; trim: boolean };

const lower = (c: string | undefined) => c !== undefined && c >= 'a' && c <= 'z';
const digit = (c: string | undefined) => c !== undefined && c >= '0' && c <= '9';

const TZ_CHUNKS: [string, Chunk][] = [
  ['Z070000', 'iso8601SecondsTZ'], ['Z07:00:00', 'iso8601ColonSecondsTZ'], ['Z0700', 'iso8601TZ'], ['Z07:00', 'iso8601ColonTZ'], ['Z07', 'iso8601ShortTZ'],
  ['-070000', 'numSecondsTz'], ['-07:00:00', 'numColonSecondsTZ'], ['-0700', 'numTZ'], ['-07:00', 'numColonTZ'], ['-07', 'numShortTZ'],
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
      for (const [text, chunk] of TZ_CHUNKS) {
        if (text[0] === c && s.startsWith(text)) return { len: text.length, chunk };
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

const two = (n: number) => String(n).padStart(2, '0');

function yearDay(t: Date): number {
  return Math.floor((Date.UTC(t.getUTCFullYear(), t.getUTCMonth(), t.getUTCDate()) - Date.UTC(t.getUTCFullYear(), 0, 1)) / 86_400_000) + 1;
}

function render(chunk: Chunk, t: Date, sep: string): string {
  if (typeof chunk === 'object') {
    let digits = String(t.getUTCMilliseconds()).padStart(3, '0').padEnd(9, '0').slice(0, chunk.frac);
    if (chunk.trim) digits = digits.replace(/0+$/, '');
    return digits === '' ? '' : sep + digits;
  }
  const year = t.getUTCFullYear();
  const hour = t.getUTCHours();
  switch (chunk) {
    case 'year': return two(Math.abs(year) % 100);
    case 'longYear': return year < 0 ? '-' + String(-year).padStart(4, '0') : String(year).padStart(4, '0');
    case 'month': return LONG_MONTHS[t.getUTCMonth()]!.slice(0, 3);
    case 'longMonth': return LONG_MONTHS[t.getUTCMonth()]!;
    case 'numMonth': return String(t.getUTCMonth() + 1);
    case 'zeroMonth': return two(t.getUTCMonth() + 1);
    case 'weekDay': return LONG_DAYS[t.getUTCDay()]!.slice(0, 3);
    case 'longWeekDay': return LONG_DAYS[t.getUTCDay()]!;
    case 'day': return String(t.getUTCDate());
    case 'underDay': return String(t.getUTCDate()).padStart(2, ' ');
    case 'zeroDay': return two(t.getUTCDate());
    case 'underYearDay': return String(yearDay(t)).padStart(3, ' ');
    case 'zeroYearDay': return String(yearDay(t)).padStart(3, '0');
    case 'hour': return two(hour);
    case 'hour12': return String(hour % 12 === 0 ? 12 : hour % 12);
    case 'zeroHour12': return two(hour % 12 === 0 ? 12 : hour % 12);
    case 'minute': return String(t.getUTCMinutes());
    case 'zeroMinute': return two(t.getUTCMinutes());
    case 'second': return String(t.getUTCSeconds());
    case 'zeroSecond': return two(t.getUTCSeconds());
    case 'PM': return hour >= 12 ? 'PM' : 'AM';
    case 'pm': return hour >= 12 ? 'pm' : 'am';
    case 'tz': return 'UTC';
    case 'iso8601TZ': case 'iso8601SecondsTZ': case 'iso8601ShortTZ': case 'iso8601ColonTZ': case 'iso8601ColonSecondsTZ':
      return 'Z';
    case 'numTZ': return '+0000';
    case 'numSecondsTz': return '+000000';
    case 'numShortTZ': return '+00';
    case 'numColonTZ': return '+00:00';
    case 'numColonSecondsTZ': return '+00:00:00';
  }
}

/** Formats a time (in UTC) with a Go reference-time layout. */
export function formatGoTime(t: Date, layout: string): string {
  let out = '';
  for (let i = 0; i < layout.length; ) {
    const found = chunkAt(layout, i);
    if (!found) {
      out += layout[i];
      i++;
      continue;
    }
    out += render(found.chunk, t, layout[i]!);
    i += found.len;
  }
  return out;
}
