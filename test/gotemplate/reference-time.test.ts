import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { fieldsOf, formatGoTime, instantOf, zoneText, type Instant } from '../../src/gotemplate/reference-time.js';
import { formatStrftime } from '../../src/gotemplate/strftime.js';
import { needs, packer } from '../support/needs.js';
import { PACKER } from '../support/packer-console.js';

/** An instant from its wall-clock fields in a fixed offset (seconds east of UTC). */
function at(offset: number, y: number, mo: number, d: number, h: number, mi: number, s: number, nanos: number): Instant {
  return { seconds: Date.UTC(y, mo - 1, d, h, mi, s) / 1000 - offset, nanos, offset };
}

describe('Go reference-time layouts for an instant in its own offset', () => {
  // As Go's time.Format prints a time parsed from RFC 3339 with that offset (an unnamed fixed zone).
  const east = at(5 * 3600 + 1800, 2009, 1, 3, 18, 5, 7, 120_000);
  const west = at(-8 * 3600, 2018, 1, 2, 23, 12, 1, 500_000_000);
  it.each([
    [east, 'MST -0700 -07:00 Z07:00 Z0700 -07 Z07 -070000 Z07:00:00', '+0530 +0530 +05:30 +05:30 +0530 +05 +05 +053000 +05:30:00'],
    [east, '15:04:05.000000|.999999|.9|,000000000', '18:05:07.000120|.00012||,000120000'],
    [west, 'Monday Jan 2 __2 002 3PM Z07:00 MST .9 2006 06', 'Tuesday Jan 2   2 002 11PM -08:00 -0800 .5 2018 18'],
    [west, '2006-01-02T15:04:05Z07:00', '2018-01-02T23:12:01-08:00'],
    [at(0, 2024, 12, 31, 0, 0, 0, 0), '__2 002 Mon _2 1/2 pm Z07:00 -07:00 MST', '366 366 Tue 31 12/31 am Z +00:00 UTC'],
  ])('%o %s', (t, layout, want) => {
    expect(formatGoTime(t, layout)).toBe(want);
  });

  it('reads a Date as the same instant in UTC', () => {
    const d = new Date(Date.UTC(2026, 10, 22, 9, 20, 30, 211));
    expect(instantOf(d)).toEqual({ seconds: Date.UTC(2026, 10, 22, 9, 20, 30) / 1000, nanos: 211_000_000, offset: 0 });
    expect(formatGoTime(d, 'Jan _2 .000')).toBe(formatGoTime(instantOf(d), 'Jan _2 .000'));
    expect(instantOf(new Date(-1))).toEqual({ seconds: -1, nanos: 999_000_000, offset: 0 });
  });

  it('gives calendar fields in the offset, across a day boundary', () => {
    const f = fieldsOf(at(-3600, 2021, 1, 1, 23, 30, 0, 0));
    expect([f.year, f.month, f.day, f.weekday, f.yearDay, f.hour]).toEqual([2021, 1, 1, 5, 1, 23]);
    expect(zoneText(-3600 - 30 * 60, { colon: true })).toBe('-01:30');
    expect(zoneText(0, { zulu: true, hoursOnly: true })).toBe('Z');
  });

  it('formats strftime directives in the offset', () => {
    expect(formatStrftime('%Y-%m-%d %I:%M:%S%p %z %Z %L %j', west)).toBe('2018-01-02 11:12:01PM -0800 -0800 .500 %j');
  });
});

const STAMP = '2006-01-02T15:04:05.999999999Z07:00';
const MARK = '@@';

/** Packer's start instant, read back from its own RFC 3339 rendering with nanoseconds. */
function instantFrom(stamp: string): Instant {
  const m = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.(\d+))?Z$/.exec(stamp);
  if (!m) throw new Error(`unexpected stamp ${stamp}`);
  return { seconds: Date.parse(`${m[1]}Z`) / 1000, nanos: Number((m[2] ?? '').padEnd(9, '0')), offset: 0 };
}

needs(packer).describe('against packer console (isotime and strftime share one start time)', () => {
  const layouts = [
    'Month _2006',
    'Janet Mond|Monday __2 002 _2|.999999999 ,000 .9|3:04:05pm',
    '-07 Z07 -070000 Z07:00:00 -07:00:00 MST',
    '2006-01-02 __2 002 .000 ,000 .999 Jan January Mon Monday MST -0700 -07:00 Z07:00 Z0700 3 03 PM pm _2 1 01 Month',
    'Mon Jan _2 15:04:05 MST 2006|060102150405|.00|,99|.0000000000',
  ];
  const formats = ['%Y-%m-%d %H:%M:%S %a %b %j %%', '%L|%c|%f|%x|%X|%w|%U|%W|%e|%-d|%', 'Jan 2006 %I%p %y %z %Z %B %A'];
  const line = [`{{isotime "${STAMP}"}}`, ...layouts.map((l) => `{{isotime "${l}"}}`), ...formats.map((f) => `{{strftime "${f}"}}`)].join(MARK);
  const out = execFileSync(PACKER!, ['console'], { input: line + '\n', cwd: '/tmp', env: { ...process.env, CHECKPOINT_DISABLE: '1' } }).toString().replace(/\n+$/, '');
  const [stamp = '', ...answers] = out.split(MARK);
  const t = instantFrom(stamp);

  it('answers every layout', () => {
    expect(answers.length).toBe(layouts.length + formats.length);
    expect(formatGoTime(t, STAMP)).toBe(stamp);
  });
  it.each(layouts.map((l, i) => [l, i] as const))('isotime %s', (layout, i) => {
    expect(formatGoTime(t, layout)).toBe(answers[i]);
  });
  it.each(formats.map((f, i) => [f, layouts.length + i] as const))('strftime %s', (format, i) => {
    expect(formatStrftime(format, t)).toBe(answers[i]);
  });
});
