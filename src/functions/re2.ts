// RE2 patterns (Go's regexp syntax, used by Packer's regex functions) translated to JavaScript RegExp.
// Flags ((?i), (?s), (?m), (?U)) are applied by rewriting the pattern itself, so they work inside groups too.
// Not supported: \C, POSIX classes inside negated forms ([[:^alpha:]]), and Unicode case folding beyond
// String.prototype.toUpperCase/toLowerCase.

export class RE2SyntaxError extends Error {
  constructor(code: string, expr: string) {
    super(`${code} in ${expr}`);
  }
}

interface Flags {
  i: boolean;
  s: boolean;
  m: boolean;
  U: boolean;
}

const POSIX: Record<string, string> = {
  alnum: '0-9A-Za-z',
  alpha: 'A-Za-z',
  ascii: '\\x00-\\x7F',
  blank: '\\t ',
  cntrl: '\\x00-\\x1F\\x7F',
  digit: '0-9',
  graph: '!-~',
  lower: 'a-z',
  print: ' -~',
  punct: '!-\\/:-@\\[-`{-~',
  space: '\\t\\n\\v\\f\\r ',
  upper: 'A-Z',
  word: '0-9A-Za-z_',
  xdigit: '0-9A-Fa-f',
};

const SYNTAX_CHARS = '^$\\.*+?()[]{}|/';
const SPACE_CLASS = '\\t\\n\\f\\r ';

function escapeChar(ch: string, inClass: boolean): string {
  if (SYNTAX_CHARS.includes(ch) || (inClass && ch === '-')) return '\\' + ch;
  return ch;
}

function caseVariants(ch: string): string[] {
  const up = ch.toUpperCase();
  const low = ch.toLowerCase();
  const out = new Set([ch]);
  if (Array.from(up).length === 1) out.add(up);
  if (Array.from(low).length === 1) out.add(low);
  return [...out];
}

function unicodeClass(name: string, negate: boolean, expr: string): string {
  if (name === 'Any') return negate ? '[^\\s\\S]' : '[\\s\\S]';
  let prop: string;
  if (/^[A-Z][a-z]?$/.test(name)) prop = name;
  else if (/^[A-Z][A-Za-z_]*$/.test(name)) prop = `Script=${name}`;
  else throw new RE2SyntaxError('invalid character class range', expr);
  return `\\${negate ? 'P' : 'p'}{${prop}}`;
}

/** A translated pattern: JavaScript source (for the `u` flag) and the names of its capture groups (''=unnamed). */
export interface Translated {
  source: string;
  groupNames: string[];
}

export function translateRE2(pattern: string): Translated {
  const chars = Array.from(pattern);
  let pos = 0;
  let out = '';
  const groupNames: string[] = [];
  const stack: { flags: Flags; capture: boolean }[] = [];
  let flags: Flags = { i: false, s: false, m: false, U: false };
  let lastWasQuantifiable = false;

  const peek = (o = 0) => chars[pos + o];

  /** Reads an escape sequence after `\`; returns JS for it and whether it is a single character (`char`). */
  const readEscape = (inClass: boolean): { js: string; char?: string } => {
    const c = chars[pos++];
    if (c === undefined) throw new RE2SyntaxError('trailing backslash at end of expression', '');
    switch (c) {
      case 'd':
      case 'D':
      case 'w':
      case 'W':
        return { js: '\\' + c };
      case 's':
        return { js: inClass ? SPACE_CLASS : `[${SPACE_CLASS}]` };
      case 'S':
        if (inClass) throw new RE2SyntaxError('invalid character class range', '\\S');
        return { js: `[^${SPACE_CLASS}]` };
      case 'p':
      case 'P': {
        let name: string;
        if (peek() === '{') {
          const end = chars.indexOf('}', pos);
          if (end < 0) throw new RE2SyntaxError('invalid character class range', '\\' + c + chars.slice(pos).join(''));
          name = chars.slice(pos + 1, end).join('');
          pos = end + 1;
        } else {
          name = chars[pos++] ?? '';
        }
        let negate = c === 'P';
        if (name.startsWith('^')) {
          negate = !negate;
          name = name.slice(1);
        }
        const cls = unicodeClass(name, negate, `\\${c}{${name}}`);
        return { js: inClass && cls.startsWith('[') ? cls.slice(1, -1) : cls };
      }
      case 'a':
        return { js: '\\x07', char: '\x07' };
      case 'f':
        return { js: '\\f', char: '\f' };
      case 't':
        return { js: '\\t', char: '\t' };
      case 'n':
        return { js: '\\n', char: '\n' };
      case 'r':
        return { js: '\\r', char: '\r' };
      case 'v':
        return { js: '\\v', char: '\v' };
      case 'x': {
        let hex: string;
        if (peek() === '{') {
          const end = chars.indexOf('}', pos);
          hex = chars.slice(pos + 1, end < 0 ? pos + 1 : end).join('');
          if (end < 0 || !/^[0-9A-Fa-f]+$/.test(hex)) throw new RE2SyntaxError('invalid escape sequence', '\\x' + chars.slice(pos).join(''));
          pos = end + 1;
        } else {
          hex = chars.slice(pos, pos + 2).join('');
          if (!/^[0-9A-Fa-f]{2}$/.test(hex)) throw new RE2SyntaxError('invalid escape sequence', '\\x' + hex);
          pos += 2;
        }
        const ch = String.fromCodePoint(parseInt(hex, 16));
        return { js: `\\u{${hex}}`, char: ch };
      }
      default:
        if (/[0-7]/.test(c) && (c === '0' || /[0-7]/.test(peek() ?? ''))) {
          let oct = c;
          while (oct.length < 3 && /[0-7]/.test(peek() ?? '')) oct += chars[pos++];
          const ch = String.fromCodePoint(parseInt(oct, 8));
          return { js: `\\u{${ch.codePointAt(0)!.toString(16)}}`, char: ch };
        }
        if (/[A-Za-z0-9]/.test(c)) throw new RE2SyntaxError('invalid escape sequence', '\\' + c);
        return { js: escapeChar(c, inClass), char: c };
    }
  };

  const literal = (ch: string, inClass: boolean): string => {
    if (!flags.i) return escapeChar(ch, inClass);
    const variants = caseVariants(ch);
    if (variants.length === 1) return escapeChar(ch, inClass);
    const body = variants.map((v) => escapeChar(v, true)).join('');
    return inClass ? body : `[${body}]`;
  };

  const readClass = (): string => {
    const start = pos - 1;
    let body = '';
    let negate = false;
    if (peek() === '^') {
      negate = true;
      pos++;
    }
    let first = true;
    for (;;) {
      const c = chars[pos];
      if (c === undefined) throw new RE2SyntaxError('missing closing ]', chars.slice(start).join(''));
      if (c === ']' && !first) {
        pos++;
        break;
      }
      first = false;
      if (c === '[' && peek(1) === ':') {
        const end = chars.indexOf(']', pos);
        const text = chars.slice(pos, end + 1).join('');
        const m = /^\[:(\^?)([a-z]+):\]$/.exec(text);
        if (m && POSIX[m[2]!] && !m[1]) {
          body += POSIX[m[2]!];
          pos = end + 1;
          continue;
        }
        if (m) throw new RE2SyntaxError('invalid character class range', text);
      }
      let lo: string | undefined;
      let loJs: string;
      pos++;
      if (c === '\\') {
        const e = readEscape(true);
        lo = e.char;
        loJs = e.js;
      } else {
        lo = c;
        loJs = escapeChar(c, true);
      }
      if (lo !== undefined && peek() === '-' && peek(1) !== ']' && peek(1) !== undefined) {
        pos++;
        let hi: string | undefined;
        let hiJs: string;
        const h = chars[pos++]!;
        if (h === '\\') {
          const e = readEscape(true);
          hi = e.char;
          hiJs = e.js;
        } else {
          hi = h;
          hiJs = escapeChar(h, true);
        }
        if (hi === undefined || hi.codePointAt(0)! < lo.codePointAt(0)!) {
          throw new RE2SyntaxError('invalid character class range', `${lo}-${hi ?? ''}`);
        }
        body += `${loJs}-${hiJs}`;
        if (flags.i) body += caseRanges(lo, hi);
        continue;
      }
      body += lo !== undefined ? literal(lo, true) : loJs;
    }
    return `[${negate ? '^' : ''}${body}]`;
  };

  while (pos < chars.length) {
    const c = chars[pos++]!;
    switch (c) {
      case '\\': {
        if (peek() === 'Q') {
          pos++;
          let end = chars.indexOf('\\', pos);
          while (end >= 0 && chars[end + 1] !== 'E') end = chars.indexOf('\\', end + 1);
          const text = chars.slice(pos, end < 0 ? chars.length : end);
          pos = end < 0 ? chars.length : end + 2;
          out += text.map((ch) => literal(ch, false)).join('');
          lastWasQuantifiable = text.length > 0;
          continue;
        }
        if (peek() === 'A' || peek() === 'z') {
          out += chars[pos++] === 'A' ? '(?<![\\s\\S])' : '(?![\\s\\S])';
          lastWasQuantifiable = false;
          continue;
        }
        if (peek() === 'b' || peek() === 'B') {
          out += '\\' + chars[pos++];
          lastWasQuantifiable = false;
          continue;
        }
        const e = readEscape(false);
        out += e.char !== undefined ? literal(e.char, false) : e.js;
        lastWasQuantifiable = true;
        continue;
      }
      case '[':
        out += readClass();
        lastWasQuantifiable = true;
        continue;
      case '(': {
        if (peek() === '?') {
          const rest = chars.slice(pos + 1).join('');
          const named = /^P?<([A-Za-z0-9_]*)>/.exec(rest);
          if (named) {
            if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(named[1]!) || groupNames.includes(named[1]!)) {
              throw new RE2SyntaxError('invalid named capture', `(?${named[0]}`);
            }
            pos += 1 + named[0].length;
            groupNames.push(named[1]!);
            stack.push({ flags: { ...flags }, capture: true });
            out += `(?<${named[1]}>`;
            lastWasQuantifiable = false;
            continue;
          }
          const fl = /^([imsU]*)(?:-([imsU]*))?([:)])/.exec(rest);
          if (!fl || fl[0] === ')' || fl[2] === '') {
            throw new RE2SyntaxError('invalid or unsupported Perl syntax', `(?${rest.slice(0, 1)}`);
          }
          pos += 1 + fl[0].length;
          const next = { ...flags };
          for (const f of fl[1]!) next[f as keyof Flags] = true;
          for (const f of fl[2] ?? '') next[f as keyof Flags] = false;
          if (fl[3] === ')') {
            flags = next;
            continue;
          }
          stack.push({ flags: { ...flags }, capture: false });
          flags = next;
          out += '(?:';
          lastWasQuantifiable = false;
          continue;
        }
        groupNames.push('');
        stack.push({ flags: { ...flags }, capture: true });
        out += '(';
        lastWasQuantifiable = false;
        continue;
      }
      case ')': {
        const top = stack.pop();
        if (!top) throw new RE2SyntaxError('unexpected )', pattern);
        flags = top.flags;
        out += ')';
        lastWasQuantifiable = true;
        continue;
      }
      case '.':
        out += flags.s ? '[\\s\\S]' : '[^\\n]';
        lastWasQuantifiable = true;
        continue;
      case '^':
        out += flags.m ? '(?<![^\\n])' : '(?<![\\s\\S])';
        lastWasQuantifiable = false;
        continue;
      case '$':
        out += flags.m ? '(?![^\\n])' : '(?![\\s\\S])';
        lastWasQuantifiable = false;
        continue;
      case '|':
        out += '|';
        lastWasQuantifiable = false;
        continue;
      case '*':
      case '+':
      case '?':
      case '{': {
        let q: string = c;
        if (c === '{') {
          const m = /^\{(\d+)(,(\d*))?\}/.exec(chars.slice(pos - 1).join(''));
          if (!m) {
            out += literal('{', false);
            lastWasQuantifiable = true;
            continue;
          }
          if (Number(m[1]) > 1000 || (m[3] && Number(m[3]) > 1000) || (m[3] && Number(m[3]) < Number(m[1]))) {
            throw new RE2SyntaxError('invalid repeat count', m[0]);
          }
          q = m[0];
          pos += m[0].length - 1;
        }
        if (!lastWasQuantifiable) {
          throw new RE2SyntaxError(out.endsWith('*') || out.endsWith('+') || out.endsWith('?') || out.endsWith('}') ? 'invalid nested repetition operator' : 'missing argument to repetition operator', q);
        }
        let lazy = peek() === '?';
        if (lazy) pos++;
        if (flags.U) lazy = !lazy;
        out += q + (lazy ? '?' : '');
        lastWasQuantifiable = false;
        continue;
      }
      default:
        out += literal(c, false);
        lastWasQuantifiable = true;
    }
  }
  if (stack.length > 0) throw new RE2SyntaxError('missing closing )', pattern);
  return { source: out, groupNames };
}

/** Other-case counterparts of an ASCII letter range, for case-insensitive classes. */
function caseRanges(lo: string, hi: string): string {
  let out = '';
  const a = lo.charCodeAt(0);
  const b = hi.charCodeAt(0);
  const overlap = (from: number, to: number, shift: number) => {
    const s = Math.max(a, from);
    const e = Math.min(b, to);
    if (s <= e) out += `${String.fromCharCode(s + shift)}-${String.fromCharCode(e + shift)}`;
  };
  overlap(0x61, 0x7a, -32);
  overlap(0x41, 0x5a, 32);
  return out;
}

/** Compiles an RE2 pattern; `global` for iterating over all matches. */
export function compileRE2(pattern: string, global = false): { re: RegExp; groupNames: string[] } {
  const { source, groupNames } = translateRE2(pattern);
  return { re: new RegExp(source, global ? 'gu' : 'u'), groupNames };
}

/** Expands `$1`, `${1}`, `$name`, `${name}` and `$$` in a replacement template, as Go's Regexp.Expand does. */
export function expandReplacement(template: string, match: RegExpExecArray, groupNames: string[]): string {
  return template.replace(/\$(?:\$|\{([A-Za-z0-9_]+)\}|([A-Za-z0-9_]+))/g, (whole, braced?: string, bare?: string) => {
    if (whole === '$$') return '$';
    const name = braced ?? bare ?? '';
    if (/^\d+$/.test(name)) return match[Number(name)] ?? '';
    const idx = groupNames.indexOf(name);
    return idx >= 0 ? (match[idx + 1] ?? '') : '';
  });
}
