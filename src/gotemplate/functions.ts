// Function values for templates, and Go's builtin functions (and, or, not, len, index, print, eq...).

import { formatGoValue, goTypeName, sprint, sprintf, sprintln } from './go-format.js';

/** How an argument is checked and converted, as Go does from a function's parameter type. */
export type ParamType = 'string' | 'int' | 'bool' | 'any';

export interface GoFunctionSpec {
  params: ParamType[];
  /** Type of the trailing variadic parameter, if any. */
  variadic?: ParamType;
  /** Returns the result, or throws an Error whose message becomes `error calling <name>: <message>`. */
  call: (...args: any[]) => unknown;
}

/** A plain function takes any number of arguments of any type. */
export type GoFunction = GoFunctionSpec | ((...args: any[]) => unknown);

export function toSpec(f: GoFunction): GoFunctionSpec {
  return typeof f === 'function' ? { params: [], variadic: 'any', call: f } : f;
}

/** Thrown by a function to stop the rendering with something other than an error (never reported as one). */
export class ControlSignal extends Error {}

/** Thrown by a function (or raised for unknown data) to copy the enclosing action to the output unchanged. */
export class KeepVerbatim extends ControlSignal {
  constructor() {
    super('kept verbatim');
  }
}

/** The value of a field or key that does not exist (Go's invalid reflect.Value, printed `<no value>`). */
export const NO_VALUE: unique symbol = Symbol('no value');

/** Go's truth: false, 0, "", nil, missing and empty collections are false. */
export function isTrue(v: unknown): boolean {
  if (v === NO_VALUE || v === null || v === undefined) return false;
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number') return v !== 0;
  if (typeof v === 'string') return v.length > 0;
  if (Array.isArray(v)) return v.length > 0;
  if (v instanceof Map) return v.size > 0;
  if (typeof v === 'object') return Object.keys(v).length > 0;
  return true;
}

function kindOf(v: unknown): string {
  if (v === null || v === undefined || v === NO_VALUE) return 'nil';
  if (typeof v === 'number') return Number.isInteger(v) ? 'int' : 'float';
  return typeof v;
}

function basicEqual(a: unknown, b: unknown): boolean {
  const ka = kindOf(a);
  const kb = kindOf(b);
  const numeric = (k: string) => k === 'int' || k === 'float';
  if (ka !== kb && !(numeric(ka) && numeric(kb))) {
    if (ka === 'nil' || kb === 'nil') return ka === kb;
    throw new Error('incompatible types for comparison');
  }
  if (typeof a === 'object' && a !== null) throw new Error(`non-comparable type ${formatGoValue(a)}: ${goTypeName(a)}`);
  return a === b;
}

function compare(a: unknown, b: unknown): number {
  const ka = kindOf(a);
  const kb = kindOf(b);
  const ordered = (k: string) => k === 'int' || k === 'float' || k === 'string';
  if (!ordered(ka) || !ordered(kb)) throw new Error('invalid type for comparison');
  if (ka !== kb && (ka === 'string' || kb === 'string')) throw new Error('incompatible types for comparison');
  return (a as number) < (b as number) ? -1 : a === b ? 0 : 1;
}

function length(v: unknown): number {
  if (typeof v === 'string') return Buffer.byteLength(v, 'utf8');
  if (Array.isArray(v)) return v.length;
  if (v instanceof Map) return v.size;
  if (v !== null && typeof v === 'object') return Object.keys(v).length;
  throw new Error(`len of type ${goTypeName(v)}`);
}

function indexOne(item: unknown, key: unknown): unknown {
  if (typeof item === 'string' || Array.isArray(item)) {
    if (typeof key !== 'number' || !Number.isInteger(key)) throw new Error(`cannot index slice/array with type ${goTypeName(key)}`);
    const bytes = typeof item === 'string' ? Buffer.from(item, 'utf8') : undefined;
    const len = bytes ? bytes.length : (item as unknown[]).length;
    if (key < 0 || key >= len) throw new Error(`index out of range: ${key}`);
    return bytes ? bytes[key] : (item as unknown[])[key];
  }
  if (item instanceof Map) return item.has(key) ? item.get(key) : NO_VALUE;
  if (item !== null && typeof item === 'object') {
    if (typeof key !== 'string') throw new Error(`value has type ${goTypeName(key)}; should be string`);
    return Object.hasOwn(item, key) ? (item as Record<string, unknown>)[key] : null;
  }
  if (item === null || item === NO_VALUE) throw new Error('index of untyped nil');
  throw new Error(`can't index item of type ${goTypeName(item)}`);
}

function sliceOf(item: unknown, ...idx: unknown[]): unknown {
  if (idx.length > 3) throw new Error(`too many slice indexes: ${idx.length}`);
  const isString = typeof item === 'string';
  if (!isString && !Array.isArray(item)) throw new Error(`can't slice item of type ${goTypeName(item)}`);
  const len = isString ? Buffer.byteLength(item as string) : (item as unknown[]).length;
  const n = idx.map((i) => {
    if (typeof i !== 'number' || !Number.isInteger(i)) throw new Error(`cannot index slice/array with type ${goTypeName(i)}`);
    if (i < 0 || i > len) throw new Error(`index out of range: ${i}`);
    return i;
  });
  if (isString && n.length === 3) throw new Error('cannot 3-index slice a string');
  const [from = 0, to = len] = n;
  if (from > to) throw new Error(`invalid slice index: ${from} > ${to}`);
  return isString ? Buffer.from(item as string).subarray(from, to).toString('utf8') : (item as unknown[]).slice(from, to);
}

const HTML_ESCAPES: Record<string, string> = { '"': '&#34;', "'": '&#39;', '&': '&amp;', '<': '&lt;', '>': '&gt;', '\0': '\uFFFD' };

function jsEscape(s: string): string {
  let out = '';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '\\' || ch === "'" || ch === '"') out += '\\' + ch;
    else if (ch === '<' || ch === '>' || ch === '&' || ch === '=' || c < 0x20) out += `\\u${c.toString(16).toUpperCase().padStart(4, '0')}`;
    else out += ch;
  }
  return out;
}

function queryEscape(s: string): string {
  return [...Buffer.from(s, 'utf8')]
    .map((b) => {
      const ch = String.fromCharCode(b);
      if (/[A-Za-z0-9\-_.~]/.test(ch)) return ch;
      return ch === ' ' ? '+' : `%${b.toString(16).toUpperCase().padStart(2, '0')}`;
    })
    .join('');
}

/** Go's builtins, except `and` and `or`, which the executor evaluates lazily. */
export const BUILTINS: Record<string, GoFunctionSpec> = {
  not: { params: ['any'], call: (v) => !isTrue(v) },
  len: { params: ['any'], call: length },
  index: { params: ['any'], variadic: 'any', call: (item, ...keys) => keys.reduce(indexOne, item) },
  slice: { params: ['any'], variadic: 'any', call: sliceOf },
  print: { params: [], variadic: 'any', call: (...a) => sprint(a) },
  println: { params: [], variadic: 'any', call: (...a) => sprintln(a) },
  printf: { params: ['string'], variadic: 'any', call: (f, ...a) => sprintf(f, a) },
  html: { params: [], variadic: 'any', call: (...a) => sprint(a).replace(/["'&<>\0]/g, (c) => HTML_ESCAPES[c]!) },
  js: { params: [], variadic: 'any', call: (...a) => jsEscape(sprint(a)) },
  urlquery: { params: [], variadic: 'any', call: (...a) => queryEscape(sprint(a)) },
  eq: {
    params: ['any'],
    variadic: 'any',
    call: (a, ...rest) => {
      if (rest.length === 0) throw new Error('missing argument for comparison');
      return rest.some((b) => basicEqual(a, b));
    },
  },
  ne: { params: ['any', 'any'], call: (a, b) => !basicEqual(a, b) },
  lt: { params: ['any', 'any'], call: (a, b) => compare(a, b) < 0 },
  le: { params: ['any', 'any'], call: (a, b) => compare(a, b) <= 0 },
  gt: { params: ['any', 'any'], call: (a, b) => compare(a, b) > 0 },
  ge: { params: ['any', 'any'], call: (a, b) => compare(a, b) >= 0 },
  call: {
    params: ['any'],
    variadic: 'any',
    call: (fn, ...args) => {
      if (typeof fn !== 'function') throw new Error(`non-function of type ${goTypeName(fn)}`);
      return fn(...args);
    },
  },
};
