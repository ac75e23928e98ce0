// The lexer of Go's text/template: splits a template into text and the tokens of `{{ }}` actions.
// Token kinds, the handling of trim markers and comments, and the error texts follow Go's lexer.

export type ItemKind =
  | 'text'
  | 'leftDelim'
  | 'rightDelim'
  | 'space'
  | 'field'
  | 'variable'
  | 'identifier'
  | 'string'
  | 'rawString'
  | 'number'
  | 'char'
  | 'charConstant'
  | 'bool'
  | 'nil'
  | 'dot'
  | 'pipe'
  | 'declare'
  | 'assign'
  | 'leftParen'
  | 'rightParen'
  | 'keyword'
  | 'error'
  | 'eof';

export interface Item {
  kind: ItemKind;
  value: string;
  /** Byte-independent offset (UTF-16 index) of the token in the template. */
  pos: number;
  line: number;
}

export const KEYWORDS = new Set(['block', 'break', 'continue', 'define', 'else', 'end', 'if', 'range', 'template', 'with']);

const LEFT = '{{';
const RIGHT = '}}';
const TRIM = ' -'; // a trim marker is "- " after the left delimiter or " -" before the right one

function isSpace(c: string): boolean {
  return c === ' ' || c === '\t' || c === '\r' || c === '\n';
}

function isAlphaNumeric(c: string): boolean {
  return c === '_' || /[\p{L}\p{Nd}]/u.test(c);
}

/** Splits a template into items; the last item is `eof` or `error`. */
export function lexTemplate(input: string): Item[] {
  const items: Item[] = [];
  let pos = 0;
  let start = 0;
  let line = 1;
  let startLine = 1;
  let parenDepth = 0;

  const emit = (kind: ItemKind, value = input.slice(start, pos)) => {
    items.push({ kind, value, pos: start, line: startLine });
    for (const ch of input.slice(start, pos)) if (ch === '\n') line++;
    start = pos;
    startLine = line;
  };
  const ignore = () => {
    for (const ch of input.slice(start, pos)) if (ch === '\n') line++;
    start = pos;
    startLine = line;
  };
  const fail = (message: string): Item[] => {
    items.push({ kind: 'error', value: message, pos: start, line: startLine });
    return items;
  };
  const atRightDelim = (): { delim: boolean; trim: boolean } => {
    if (input.startsWith(TRIM + RIGHT, pos)) return { delim: true, trim: true };
    return { delim: input.startsWith(RIGHT, pos), trim: false };
  };

  for (;;) {
    // ---- text up to the next left delimiter
    const next = input.indexOf(LEFT, pos);
    if (next < 0) {
      pos = input.length;
      if (pos > start) emit('text');
      items.push({ kind: 'eof', value: '', pos, line });
      return items;
    }
    pos = next;
    const trimLeft = input.startsWith(LEFT + '-', pos) && isSpace(input[pos + 3] ?? '');
    if (pos > start) {
      let textEnd = pos;
      if (trimLeft) while (textEnd > start && isSpace(input[textEnd - 1]!)) textEnd--;
      const full = pos;
      pos = textEnd;
      if (pos > start) emit('text');
      pos = full;
      ignore();
    }
    // ---- left delimiter
    pos += LEFT.length;
    if (trimLeft) pos += 2;
    const afterMarker = pos;
    // A comment: {{/* ... */}}, possibly with trim markers.
    if (input.startsWith('/*', pos)) {
      const close = input.indexOf('*/', pos + 2);
      if (close < 0) return fail('unclosed comment');
      pos = close + 2;
      const d = atRightDelim();
      if (!d.delim) return fail('comment ends before closing delimiter');
      pos += d.trim ? TRIM.length + RIGHT.length : RIGHT.length;
      if (d.trim) while (pos < input.length && isSpace(input[pos]!)) pos++;
      ignore();
      continue;
    }
    pos = afterMarker;
    items.push({ kind: 'leftDelim', value: LEFT, pos: start, line: startLine });
    ignore();
    // ---- inside the action
    for (;;) {
      const d = atRightDelim();
      if (d.delim) {
        if (parenDepth !== 0) return fail('unclosed left paren');
        if (d.trim) {
          // " -}}": the space before the marker ends the previous token.
          if (pos > start) emit('space');
          pos += TRIM.length;
          ignore();
        }
        pos += RIGHT.length;
        emit('rightDelim', RIGHT);
        if (d.trim) {
          while (pos < input.length && isSpace(input[pos]!)) pos++;
          ignore();
        }
        break;
      }
      const c = input[pos];
      if (c === undefined) return fail('unclosed action');
      if (isSpace(c)) {
        while (pos < input.length && isSpace(input[pos]!) && !input.startsWith(TRIM + RIGHT, pos)) pos++;
        if (pos > start) emit('space');
        continue;
      }
      pos++;
      if (c === '=') emit('assign');
      else if (c === ':') {
        if (input[pos] !== '=') return fail('expected :=');
        pos++;
        emit('declare');
      } else if (c === '|') emit('pipe');
      else if (c === '"') {
        for (;;) {
          const q = input[pos];
          if (q === undefined || q === '\n') return fail('unterminated quoted string');
          pos++;
          if (q === '\\') {
            if (input[pos] === undefined || input[pos] === '\n') return fail('unterminated quoted string');
            pos++;
          } else if (q === '"') break;
        }
        emit('string');
      } else if (c === '`') {
        const close = input.indexOf('`', pos);
        if (close < 0) return fail('unterminated raw quoted string');
        pos = close + 1;
        emit('rawString');
      } else if (c === "'") {
        for (;;) {
          const q = input[pos];
          if (q === undefined || q === '\n') return fail('unterminated character constant');
          pos++;
          if (q === '\\') pos++;
          else if (q === "'") break;
        }
        emit('charConstant');
      } else if (c === '$') {
        while (pos < input.length && isAlphaNumeric(input[pos]!)) pos++;
        emit('variable');
      } else if (c === '.' && !(input[pos]! >= '0' && input[pos]! <= '9')) {
        // ".field" or a lone "."
        if (pos < input.length && isAlphaNumeric(input[pos]!)) {
          while (pos < input.length && isAlphaNumeric(input[pos]!)) pos++;
          emit('field');
        } else emit('dot');
      } else if (c === '+' || c === '-' || c === '.' || (c >= '0' && c <= '9')) {
        pos--;
        const m = /^[+-]?(0[xX][0-9a-fA-F_]*(\.[0-9a-fA-F_]*)?([pP][+-]?[0-9_]+)?|0[bBoO][0-9_]+|[0-9_]*(\.[0-9_]*)?([eE][+-]?[0-9_]+)?)i?/.exec(input.slice(pos))!;
        pos += m[0].length;
        if (pos < input.length && isAlphaNumeric(input[pos]!)) {
          pos++;
          return fail(`bad number syntax: "${input.slice(start, pos)}"`);
        }
        emit('number');
      } else if (isAlphaNumeric(c)) {
        while (pos < input.length && isAlphaNumeric(input[pos]!)) pos++;
        const word = input.slice(start, pos);
        if (KEYWORDS.has(word)) emit('keyword');
        else if (word === 'true' || word === 'false') emit('bool');
        else if (word === 'nil') emit('nil');
        else emit('identifier');
      } else if (c === '(') {
        parenDepth++;
        emit('leftParen');
      } else if (c === ')') {
        parenDepth--;
        emit('rightParen');
        // The parser reports the stray parenthesis first, as Go's does.
        if (parenDepth < 0) return fail(`unexpected right paren U+0029 ')'`);
      } else if (c.charCodeAt(0) < 0x7f && c.charCodeAt(0) >= 0x20) {
        emit('char');
      } else {
        return fail(`unrecognized character in action: ${describeRune(c)}`);
      }
    }
  }
}

/** Go's `%#U` formatting of a character: `U+00E9 'é'`. */
export function describeRune(c: string): string {
  const code = c.codePointAt(0)!;
  return `U+${code.toString(16).toUpperCase().padStart(4, '0')} '${c}'`;
}
