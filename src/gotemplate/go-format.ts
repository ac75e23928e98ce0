// Go's fmt as text/template uses it: printing values (`{{.}}`, print, println) and printf's common verbs.
// Values are plain JS data: string, number (integral numbers are Go ints), boolean, null (nil), arrays, objects.

/** The Go type name of a value, as fmt and text/template print it. */
export function goTypeName(v: unknown): string {
  if (v === null || v === undefined) return '<nil>';
  if (typeof v === 'string') return 'string';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'number') return Number.isInteger(v) ? 'int' : 'float64';
  if (Array.isArray(v)) return '[]interface {}';
  if (typeof v === 'function') return 'func';
  return 'map[string]interface {}';
}

/** Go's %v of a float64: shortest representation, exponent form below 1e-4 and from 1e6 (strconv's %g rule). */
export function formatGoFloat(f: number): string {
  if (Number.isNaN(f)) return 'NaN';
  if (!Number.isFinite(f)) return f > 0 ? '+Inf' : '-Inf';
  if (f === 0) return Object.is(f, -0) ? '-0' : '0';
  const exp = Math.floor(Math.log10(Math.abs(f)));
  if (exp < -4 || exp >= 6) {
    const [mant, e] = f.toExponential().split('e') as [string, string];
    const n = Number(e);
    return `${mant}e${n < 0 ? '-' : '+'}${String(Math.abs(n)).padStart(2, '0')}`;
  }
  return String(f);
}

/** fmt.Sprint of one value (`%v`). */
export function formatGoValue(v: unknown): string {
  if (v === null || v === undefined) return '<nil>';
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return Number.isInteger(v) && Math.abs(v) < 1e21 ? String(v) : formatGoFloat(v);
  if (typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return `[${v.map(formatGoValue).join(' ')}]`;
  if (v instanceof Map) return `map[${[...v.keys()].sort().map((k) => `${k}:${formatGoValue(v.get(k))}`).join(' ')}]`;
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return `map[${Object.keys(o).sort().map((k) => `${k}:${formatGoValue(o[k])}`).join(' ')}]`;
  }
  return String(v);
}

/** fmt.Sprint: operands are separated by a space when neither side is a string. */
export function sprint(args: unknown[]): string {
  let out = '';
  args.forEach((a, i) => {
    if (i > 0 && typeof a !== 'string' && typeof args[i - 1] !== 'string') out += ' ';
    out += formatGoValue(a);
  });
  return out;
}

export function sprintln(args: unknown[]): string {
  return args.map(formatGoValue).join(' ') + '\n';
}

/** Go's %q: a double-quoted string with Go escapes. */
export function quoteGo(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '"' || ch === '\\') out += '\\' + ch;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\r') out += '\\r';
    else if (c < 0x20 || c === 0x7f) out += `\\x${c.toString(16).padStart(2, '0')}`;
    else out += ch;
  }
  return out + '"';
}

interface Spec {
  minus: boolean;
  plus: boolean;
  zero: boolean;
  space: boolean;
  sharp: boolean;
  width?: number;
  prec?: number;
}

function pad(s: string, spec: Spec, numeric: boolean): string {
  if (spec.width === undefined || s.length >= spec.width) return s;
  if (spec.minus) return s.padEnd(spec.width);
  if (spec.zero && numeric) {
    const sign = /^[+-]/.test(s) ? s[0]! : '';
    return sign + s.slice(sign.length).padStart(spec.width - sign.length, '0');
  }
  return s.padStart(spec.width);
}

function badVerb(verb: string, arg: unknown): string {
  return arg === null || arg === undefined ? `%!${verb}(<nil>)` : `%!${verb}(${goTypeName(arg)}=${formatGoValue(arg)})`;
}

function formatInteger(n: number, verb: string, spec: Spec): string {
  const radix = verb === 'x' || verb === 'X' ? 16 : verb === 'o' ? 8 : verb === 'b' ? 2 : 10;
  let digits = Math.abs(n).toString(radix);
  if (verb === 'X') digits = digits.toUpperCase();
  if (spec.prec !== undefined) digits = digits.padStart(spec.prec, '0');
  if (spec.sharp && radix === 16) digits = (verb === 'X' ? '0X' : '0x') + digits;
  if (spec.sharp && radix === 8) digits = '0' + digits;
  const sign = n < 0 ? '-' : spec.plus ? '+' : spec.space ? ' ' : '';
  return pad(sign + digits, spec, true);
}

function formatFloat(f: number, verb: string, spec: Spec): string {
  const sign = f < 0 || Object.is(f, -0) ? '-' : spec.plus ? '+' : spec.space ? ' ' : '';
  const a = Math.abs(f);
  let body: string;
  if (verb === 'f' || verb === 'F') body = a.toFixed(spec.prec ?? 6);
  else if (verb === 'e' || verb === 'E') {
    const [m, e] = a.toExponential(spec.prec ?? 6).split('e') as [string, string];
    body = `${m}e${Number(e) < 0 ? '-' : '+'}${String(Math.abs(Number(e))).padStart(2, '0')}`;
    if (verb === 'E') body = body.toUpperCase();
  } else body = spec.prec !== undefined ? formatGoFloat(Number(a.toPrecision(Math.max(spec.prec, 1)))) : formatGoFloat(a);
  return pad(sign + body, spec, true);
}

function formatOne(verb: string, arg: unknown, spec: Spec): string {
  switch (verb) {
    case 'v':
      if (spec.sharp && typeof arg === 'string') return pad(quoteGo(arg), spec, false);
      return pad(formatGoValue(arg), spec, false);
    case 'T':
      return pad(goTypeName(arg), spec, false);
    case 's':
      if (typeof arg !== 'string' && (typeof arg !== 'object' || arg === null)) return badVerb(verb, arg);
      return pad(spec.prec !== undefined ? [...formatGoValue(arg)].slice(0, spec.prec).join('') : formatGoValue(arg), spec, false);
    case 'q':
      if (typeof arg === 'string') return pad(quoteGo(arg), spec, false);
      if (typeof arg === 'number' && Number.isInteger(arg)) return pad(`'${String.fromCodePoint(arg)}'`, spec, false);
      return badVerb(verb, arg);
    case 't':
      return typeof arg === 'boolean' ? pad(String(arg), spec, false) : badVerb(verb, arg);
    case 'd': case 'o': case 'b':
      return typeof arg === 'number' && Number.isInteger(arg) ? formatInteger(arg, verb, spec) : badVerb(verb, arg);
    case 'x': case 'X':
      if (typeof arg === 'string') return pad([...Buffer.from(arg, 'utf8')].map((b) => b.toString(16).padStart(2, '0')).join('')[verb === 'X' ? 'toUpperCase' : 'toString'](), spec, false);
      if (typeof arg === 'number' && Number.isInteger(arg)) return formatInteger(arg, verb, spec);
      return badVerb(verb, arg);
    case 'c':
      return typeof arg === 'number' && Number.isInteger(arg) ? pad(String.fromCodePoint(arg), spec, false) : badVerb(verb, arg);
    case 'U':
      return typeof arg === 'number' && Number.isInteger(arg) ? pad(`U+${arg.toString(16).toUpperCase().padStart(4, '0')}`, spec, false) : badVerb(verb, arg);
    case 'f': case 'F': case 'e': case 'E': case 'g': case 'G':
      return typeof arg === 'number' && !Number.isInteger(arg) ? formatFloat(arg, verb, spec) : badVerb(verb, arg);
    default:
      return badVerb(verb, arg);
  }
}

/** fmt.Sprintf with Go's verbs, flags, width and precision, and Go's markers for wrong or missing operands. */
export function sprintf(format: string, args: unknown[]): string {
  let out = '';
  let argIndex = 0;
  for (let i = 0; i < format.length; i++) {
    const c = format[i]!;
    if (c !== '%') {
      out += c;
      continue;
    }
    const spec: Spec = { minus: false, plus: false, zero: false, space: false, sharp: false };
    let j = i + 1;
    for (; j < format.length; j++) {
      const f = format[j];
      if (f === '-') spec.minus = true;
      else if (f === '+') spec.plus = true;
      else if (f === '0') spec.zero = true;
      else if (f === ' ') spec.space = true;
      else if (f === '#') spec.sharp = true;
      else break;
    }
    const width = /^\d+/.exec(format.slice(j));
    if (width) {
      spec.width = Number(width[0]);
      j += width[0].length;
    }
    if (format[j] === '.') {
      const prec = /^\d*/.exec(format.slice(j + 1))!;
      spec.prec = Number(prec[0] || 0);
      j += 1 + prec[0].length;
    }
    const verb = format[j];
    i = j;
    if (verb === undefined) {
      out += '%!(NOVERB)';
      break;
    }
    if (verb === '%') {
      out += '%';
      continue;
    }
    if (argIndex >= args.length) {
      out += `%!${verb}(MISSING)`;
      continue;
    }
    out += formatOne(verb, args[argIndex++], spec);
  }
  if (argIndex < args.length) {
    out += `%!(EXTRA ${args.slice(argIndex).map((a) => `${goTypeName(a)}=${formatGoValue(a)}`).join(', ')})`;
  }
  return out;
}
