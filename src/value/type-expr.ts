// A variable's `type = ...` constraint read from the syntax tree, as HCL's typeexpr package reads it:
// keywords (`string`, `number`, `bool`, `any`) and constructor calls (`list(T)`, `set(T)`, `map(T)`,
// `tuple([T, ...])`, `object({name = T, ...})`, with `optional(T)` / `optional(T, default)` attributes).
// Anything else, including the legacy quoted forms such as "string", is an invalid type specification.

import type { CallExpr, Expression, Range } from '../hcl/ast.js';
import { type Diagnostic, errorDiag } from '../diag/diagnostic.js';
import { type Type, type Value, T } from './value.js';
import { convert, withoutOptional } from './convert.js';
import { ConversionError } from './conversion-error.js';
import { evaluateConstant } from './constant.js';

export interface TypeExprOptions {
  /**
   * Accept `any` (a type constraint rather than an exact type). Packer 1.6.6 reads exact types only
   * and rejects `any`; later Packer versions accept it. Default true.
   */
  allowAny?: boolean;
  /** Accept `optional(...)` object attributes (Packer 1.8 and later). Default true. */
  allowOptional?: boolean;
  /** Evaluates an `optional` default; the default evaluator accepts constant expressions only. */
  evaluate?: (expr: Expression) => { value: Value; diagnostics: Diagnostic[] };
}

const SUMMARY = 'Invalid type specification';
const GENERIC =
  'A type specification is either a primitive type keyword (bool, number, string) or a complex type constructor call, like list(string).';

const PRIMITIVES: Record<string, Type> = { string: T.string, number: T.number, bool: T.bool };

const BARE_CONSTRUCTOR: Record<string, string> = {
  list: 'The list type constructor requires one argument specifying the element type.',
  set: 'The set type constructor requires one argument specifying the element type.',
  map: 'The map type constructor requires one argument specifying the element type.',
  object: 'The object type constructor requires one argument specifying the attribute types and values as a map.',
  tuple: 'The tuple type constructor requires one argument specifying the element types as a list.',
};

interface Reader {
  opts: Required<Omit<TypeExprOptions, 'evaluate'>> & Pick<TypeExprOptions, 'evaluate'>;
  diagnostics: Diagnostic[];
}

/** The type a `type = ...` expression denotes; `any` (dynamic) with diagnostics when it is invalid. */
export function typeFromExpression(expr: Expression, options: TypeExprOptions = {}): { type: Type; diagnostics: Diagnostic[] } {
  const reader: Reader = {
    opts: { allowAny: options.allowAny ?? true, allowOptional: options.allowOptional ?? true, evaluate: options.evaluate },
    diagnostics: [],
  };
  const type = readType(reader, expr);
  return { type, diagnostics: reader.diagnostics };
}

function invalid(reader: Reader, detail: string, range: Range, context?: Range): Type {
  reader.diagnostics.push(errorDiag(SUMMARY, detail, range, context));
  return T.dynamic;
}

function readType(reader: Reader, expr: Expression): Type {
  if (expr.kind === 'variable') return readKeyword(reader, expr.name, expr.range);
  if (expr.kind === 'call') return readCall(reader, expr);
  return invalid(reader, GENERIC, expr.range);
}

function readKeyword(reader: Reader, name: string, range: Range): Type {
  const primitive = PRIMITIVES[name];
  if (primitive) return primitive;
  if (name === 'any') {
    if (reader.opts.allowAny) return T.dynamic;
    return invalid(reader, 'The keyword "any" cannot be used in this type specification: an exact type is required.', range);
  }
  const bare = BARE_CONSTRUCTOR[name];
  if (bare) return invalid(reader, bare, range);
  return invalid(reader, `The keyword ${JSON.stringify(name)} is not a valid type specification.`, range);
}

function readCall(reader: Reader, call: CallExpr): Type {
  const { name, args } = call;
  if (PRIMITIVES[name] || name === 'any') {
    return invalid(reader, `Primitive type keyword ${JSON.stringify(name)} does not expect arguments.`, call.range);
  }
  const bare = BARE_CONSTRUCTOR[name];
  if (bare && args.length !== 1) return invalid(reader, bare, call.range);
  const arg = args[0]!;
  switch (name) {
    case 'list':
    case 'set':
    case 'map':
      return { kind: name, elem: readType(reader, arg) };
    case 'tuple':
      if (arg.kind !== 'tuple') return invalid(reader, 'Tuple type constructor requires a list of element types.', arg.range, call.range);
      return T.tuple(arg.items.map((item) => readType(reader, item)));
    case 'object':
      return readObject(reader, call);
    case 'optional':
      if (reader.opts.allowOptional) {
        return invalid(reader, 'Keyword "optional" is valid only as a modifier for object type attributes.', call.nameRange, call.range);
      }
      return invalid(reader, 'Keyword "optional" is not a valid type constructor.', call.nameRange, call.range);
    default:
      return invalid(reader, `Keyword ${JSON.stringify(name)} is not a valid type constructor.`, call.nameRange, call.range);
  }
}

function attributeName(key: Expression): string | undefined {
  if (key.kind === 'literal' && key.bareKey && typeof key.value === 'string') return key.value;
  if (key.kind === 'variable') return key.name;
  return undefined;
}

function readObject(reader: Reader, call: CallExpr): Type {
  const arg = call.args[0]!;
  if (arg.kind !== 'object') {
    return invalid(
      reader,
      'Object type constructor requires a map whose keys are attribute names and whose values are the corresponding attribute types.',
      arg.range,
      call.range,
    );
  }
  const attrs: Record<string, Type> = {};
  const optional: string[] = [];
  const defaults: Record<string, Value> = {};
  for (const item of arg.items) {
    const name = attributeName(item.key);
    if (name === undefined) {
      invalid(reader, 'Object constructor map keys must be attribute names.', item.key.range, arg.range);
      continue;
    }
    const value = item.value;
    if (value.kind === 'call' && value.name === 'optional' && reader.opts.allowOptional) {
      const read = readOptional(reader, value);
      attrs[name] = read.type;
      if (!optional.includes(name)) optional.push(name);
      if (read.fallback) defaults[name] = read.fallback;
      continue;
    }
    attrs[name] = readType(reader, value);
  }
  const type: Type = { kind: 'object', attrs };
  if (optional.length > 0) type.optional = optional.sort();
  if (Object.keys(defaults).length > 0) type.defaults = defaults;
  return type;
}

function readOptional(reader: Reader, call: CallExpr): { type: Type; fallback?: Value } {
  if (call.args.length === 0) {
    invalid(reader, 'Optional attribute modifier requires the attribute type as its first argument.', call.range);
    return { type: T.dynamic };
  }
  if (call.args.length > 2) {
    invalid(reader, 'Optional attribute modifier expects at most two arguments: the attribute type, and a default value.', call.range);
    return { type: T.dynamic };
  }
  const type = readType(reader, call.args[0]!);
  const defaultExpr = call.args[1];
  if (!defaultExpr) return { type };
  const evaluated = (reader.opts.evaluate ?? evaluateConstant)(defaultExpr);
  reader.diagnostics.push(...evaluated.diagnostics);
  if (evaluated.diagnostics.some((d) => d.severity === 'error')) return { type };
  try {
    return { type, fallback: convert(evaluated.value, withoutOptional(type)) };
  } catch (e) {
    if (!(e instanceof ConversionError)) throw e;
    reader.diagnostics.push(
      errorDiag(
        'Invalid default value for optional attribute',
        `This default value is not compatible with the attribute's type constraint: ${e.message}.`,
        defaultExpr.range,
      ),
    );
    return { type };
  }
}
