// C-style strftime as Packer's `strftime` function implements it (github.com/jehiah/go-strftime): a small set
// of directives; `%%` is a percent sign; any other directive is copied as written. A Date is taken in UTC.

import { formatGoTime, type Instant } from './reference-time.js';

/** Directive -> Go reference-time layout. */
const DIRECTIVES: Record<string, string> = {
  a: 'Mon', A: 'Monday', b: 'Jan', B: 'January', d: '02', H: '15', I: '03', L: '.000', m: '01', M: '04',
  p: 'PM', S: '05', y: '06', Y: '2006', z: '-0700', Z: 'MST',
};

export function formatStrftime(format: string, t: Date | Instant): string {
  let out = '';
  for (let i = 0; i < format.length; i++) {
    const c = format[i]!;
    if (c !== '%' || i === format.length - 1) {
      out += c;
      continue;
    }
    const d = format[++i]!;
    if (d === '%') out += '%';
    else if (Object.hasOwn(DIRECTIVES, d)) out += formatGoTime(t, DIRECTIVES[d]!);
    else out += '%' + d;
  }
  return out;
}
