// Go literals inside actions: quoted strings (strconv.Unquote), raw strings, character constants and numbers.

const SIMPLE_ESCAPES: Record<string, string> = { a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\' };

/** Decodes a Go quoted string or character constant body; returns undefined when an escape is invalid. */
export function unquoteGo(quoted: string): string | undefined {
  const q = quoted[0];
  if (q === '`') return quoted.slice(1, -1).replace(/\r/g, '');
  const body = quoted.slice(1, -1);
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (c !== '\\') {
      if (c === q) return undefined;
      out += c;
      continue;
    }
    const e = body[++i];
    if (e === undefined) return undefined;
    if (SIMPLE_ESCAPES[e] !== undefined) out += SIMPLE_ESCAPES[e];
    else if (e === q) out += e;
    else if (e === 'x' || e === 'u' || e === 'U') {
      const n = e === 'x' ? 2 : e === 'u' ? 4 : 8;
      const hex = body.slice(i + 1, i + 1 + n);
      if (!new RegExp(`^[0-9a-fA-F]{${n}}$`).test(hex)) return undefined;
      const code = parseInt(hex, 16);
      if (e === 'x') out += Buffer.from([code]).toString('latin1');
      else if (code > 0x10ffff || (code >= 0xd800 && code < 0xe000)) return undefined;
      else out += String.fromCodePoint(code);
      i += n;
    } else if (e >= '0' && e <= '7') {
      const oct = body.slice(i, i + 3);
      if (!/^[0-7]{3}$/.test(oct) || parseInt(oct, 8) > 255) return undefined;
      out += String.fromCharCode(parseInt(oct, 8));
      i += 2;
    } else return undefined;
  }
  return out;
}

export interface ParsedNumber {
  value: number;
  isInt: boolean;
  /** Written with a fraction or exponent: a float64 when used as a value. */
  isFloat: boolean;
}

/** Parses a Go number literal or character constant as text/template does; returns an error message when invalid. */
export function parseGoNumber(text: string, charConstant: boolean): ParsedNumber | string {
  if (charConstant) {
    const s = unquoteGo(text);
    if (s === undefined || [...s].length !== 1) return `malformed character constant: ${text}`;
    return { value: s.codePointAt(0)!, isInt: true, isFloat: false };
  }
  if (/i$/.test(text)) return `complex numbers are not supported: ${JSON.stringify(text)}`;
  const clean = text.replace(/_/g, '');
  const sign = clean.startsWith('-') ? -1 : 1;
  const body = clean.replace(/^[+-]/, '');
  let int: number | undefined;
  if (/^0[xX][0-9a-fA-F]+$/.test(body)) int = parseInt(body.slice(2), 16);
  else if (/^0[bB][01]+$/.test(body)) int = parseInt(body.slice(2), 2);
  else if (/^0[oO]?[0-7]+$/.test(body)) int = parseInt(body.replace(/^0[oO]?/, ''), 8);
  else if (/^(0|[1-9][0-9]*)$/.test(body)) int = Number(body);
  if (int !== undefined) return { value: sign * int, isInt: true, isFloat: false };
  if (/^([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?$/.test(body) && /[.eE]/.test(body)) {
    const f = sign * Number(body);
    return { value: f, isInt: Number.isInteger(f), isFloat: true };
  }
  return `illegal number syntax: ${JSON.stringify(text)}`;
}
