// The function model of the template language, after go-cty's `function` package: a function declares its
// parameters (with their types and whether they accept null, unknown or marked values), computes its return
// type from the arguments, and implements the call on converted, known arguments.

import type { Type, Value } from '../value/value.js';

export interface Param {
  name: string;
  /** The type each argument is converted to before the call; `dynamic` accepts any value unchanged. */
  type: Type;
  allowNull?: boolean;
  allowUnknown?: boolean;
  allowMarked?: boolean;
}

export interface FunctionContext {
  /** `path.root`: the folder relative paths of the file functions are resolved against. */
  baseDir: string;
  cwd: string;
  env: Record<string, string | undefined>;
  now(): Date;
  /** Supplied by the evaluator for `templatefile`: renders `text`, read from the file at `path`, with `vars`. */
  renderTemplate?(path: string, text: string, vars: Value): Value;
}

export interface FunctionDef {
  params: Param[];
  varParam?: Param;
  /** The result type for these (converted) arguments; may throw a `FunctionError`. */
  returnType(args: Value[]): Type;
  impl(args: Value[], ctx: FunctionContext): Value;
}

/**
 * A failed function call. Implementations throw it with a bare message (cty's words, without a final period)
 * and, when one argument is to blame, its index. `callFunction` rethrows it with `summary` and `detail` worded
 * as HCL reports them.
 */
export class FunctionError extends Error {
  /** "Invalid function argument", "Error in function call", ... (set by `callFunction`). */
  summary = 'Error in function call';
  /** The full detail sentence HCL shows (set by `callFunction`; until then, the bare message). */
  detail: string;
  /** True once `callFunction` has worded `summary` and `detail`. */
  worded = false;
  constructor(
    message: string,
    readonly argIndex?: number,
  ) {
    super(message);
    this.name = 'FunctionError';
    this.detail = message;
  }
}

/** An error blamed on the argument at `index`. */
export function argError(index: number, message: string): FunctionError {
  return new FunctionError(message, index);
}

/** Shorthand for a definition whose return type is fixed or computed. */
export function define(spec: {
  params: Param[];
  varParam?: Param;
  returns: Type | ((args: Value[]) => Type);
  impl(args: Value[], ctx: FunctionContext): Value;
}): FunctionDef {
  const { returns } = spec;
  return {
    params: spec.params,
    varParam: spec.varParam,
    returnType: typeof returns === 'function' ? returns : () => returns,
    impl: spec.impl,
  };
}

/** A parameter of the given type. */
export function param(name: string, type: Type, options: Omit<Param, 'name' | 'type'> = {}): Param {
  return { name, type, ...options };
}
