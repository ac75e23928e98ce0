import type { FunctionContext, FunctionDef } from '../functions/types.js';
import type { Value } from '../value/value.js';

/**
 * What an expression can see: root names (`var`, `local`, `path`, iterator variables...) and functions.
 * Child scopes add names (for `for` iterators and template variables) without copying the parent.
 */
export interface Scope {
  lookup(name: string): Value | undefined;
  names(): string[];
  readonly functions: Readonly<Record<string, FunctionDef>>;
  readonly fnContext: FunctionContext;
}

export function createScope(
  vars: Readonly<Record<string, Value>>,
  functions: Readonly<Record<string, FunctionDef>>,
  fnContext: FunctionContext,
): Scope {
  return {
    lookup: (name) => (Object.hasOwn(vars, name) ? vars[name] : undefined),
    names: () => Object.keys(vars),
    functions,
    fnContext,
  };
}

export function childScope(parent: Scope, vars: Readonly<Record<string, Value>>): Scope {
  return {
    lookup: (name) => (Object.hasOwn(vars, name) ? vars[name] : parent.lookup(name)),
    names: () => [...new Set([...Object.keys(vars), ...parent.names()])],
    functions: parent.functions,
    fnContext: parent.fnContext,
  };
}
