// Character classes of HCL native syntax.

const ID_START = /[\p{ID_Start}_]/u;
const ID_CONTINUE = /[\p{ID_Continue}-]/u;

/** Length in UTF-16 units of the code point at `i` (0 at the end). */
export function charLength(text: string, i: number): number {
  if (i >= text.length) return 0;
  const c = text.charCodeAt(i);
  if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
    const d = text.charCodeAt(i + 1);
    if (d >= 0xdc00 && d <= 0xdfff) return 2;
  }
  return 1;
}

function isAsciiIdentStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95;
}

/** True when an identifier starts at `i`: a character of Unicode ID_Start, or `_`. */
export function isIdentStart(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c < 128) return isAsciiIdentStart(c);
  return ID_START.test(text.slice(i, i + charLength(text, i)));
}

/** End offset of the identifier starting at `i` (ID_Continue characters and `-`). */
export function scanIdent(text: string, i: number): number {
  let j = i + charLength(text, i);
  while (j < text.length) {
    const c = text.charCodeAt(j);
    if (c < 128) {
      if (isAsciiIdentStart(c) || (c >= 48 && c <= 57) || c === 45) j++;
      else break;
    } else {
      const n = charLength(text, j);
      if (!ID_CONTINUE.test(text.slice(j, j + n))) break;
      j += n;
    }
  }
  return j;
}

export function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/**
 * End offset of the number literal starting at digit `i`: digits, `.`, and exponents `e`/`E` with an
 * optional sign, never ending with a dot (so `a.0.b` keeps its dots).
 */
export function scanNumber(text: string, i: number): number {
  let j = i + 1;
  for (;;) {
    const c = text.charCodeAt(j);
    if (isDigit(c) || c === 46) {
      j++;
    } else if (c === 101 || c === 69) {
      const d = text.charCodeAt(j + 1);
      if (isDigit(d)) j += 2;
      else if ((d === 43 || d === 45) && isDigit(text.charCodeAt(j + 2))) j += 3;
      else break;
    } else {
      break;
    }
  }
  while (text.charCodeAt(j - 1) === 46) j--;
  return j;
}

const SPACE = /[\t\n\v\f\r \u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]/;
const LEADING_SPACE = new RegExp(`^${SPACE.source}+`);
const TRAILING_SPACE = new RegExp(`${SPACE.source}+$`);

/** Removes leading white space as template strip markers do (Unicode white space, newlines included). */
export function trimSpaceLeft(s: string): string {
  return s.replace(LEADING_SPACE, '');
}

export function trimSpaceRight(s: string): string {
  return s.replace(TRAILING_SPACE, '');
}

/** Number of leading white space characters (code points) of `s`. */
export function leadingSpaceCount(s: string): number {
  const m = LEADING_SPACE.exec(s);
  return m ? [...m[0]].length : 0;
}
