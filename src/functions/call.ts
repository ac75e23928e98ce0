// Calling a function the way HCL and go-cty do: check the number of arguments, convert each argument to its
// parameter's type, refuse nulls, short-circuit on unknowns, and carry marks (sensitivity) over to the result.

import { convert } from '../value/convert.js';
import { Value, type Type } from '../value/value.js';
import { functions } from './index.js';
import { FunctionError, type FunctionContext, type FunctionDef, type Param } from './types.js';
import { unmarkDeep } from './values.js';

/** Calls the named function of the library; throws `FunctionError` with HCL's summary and detail. */
export function callFunction(name: string, args: Value[], ctx: FunctionContext): Value {
  const def = Object.hasOwn(functions, name) ? functions[name] : undefined;
  if (!def) throw callError('Call to unknown function', `There is no function named "${name}".`);
  return callDef(name, def, args, ctx);
}

/** Calls a function definition; `name` is used in messages. */
export function callDef(name: string, def: FunctionDef, args: Value[], ctx: FunctionContext): Value {
  checkArity(name, def, args.length);
  const params = args.map((_, i) => paramAt(def, i));
  const converted = args.map((arg, i) => convertArg(arg, params[i]!, i));
  return invoke(name, def, converted, params, ctx);
}

function checkArity(name: string, def: FunctionDef, count: number): void {
  const fixed = def.params.length;
  if (count < fixed) {
    const atLeast = def.varParam ? ' at least' : '';
    throw callError(
      'Not enough function arguments',
      `Function "${name}" expects${atLeast} ${fixed} argument(s). Missing value for "${def.params[count]!.name}".`,
    );
  }
  if (count > fixed && !def.varParam) {
    throw callError('Too many function arguments', `Function "${name}" expects only ${fixed} argument(s).`);
  }
}

function paramAt(def: FunctionDef, i: number): Param {
  return def.params[i] ?? def.varParam!;
}

function convertArg(arg: Value, param: Param, index: number): Value {
  if (param.type.kind === 'dynamic') return arg;
  try {
    return convert(arg, param.type);
  } catch (e) {
    throw paramError(param, (e as Error).message, index);
  }
}

function invoke(name: string, def: FunctionDef, args: Value[], params: Param[], ctx: FunctionContext): Value {
  const plain: Value[] = [];
  const marks = new Set<string>();
  for (const [i, arg] of args.entries()) {
    const param = params[i]!;
    if (arg.isNull && !param.allowNull) throw paramError(param, 'argument must not be null', i);
    if (param.allowMarked) {
      plain.push(arg);
    } else {
      const { value, marks: found } = unmarkDeep(arg);
      plain.push(value);
      for (const m of found) marks.add(m);
    }
  }
  const resultMarks: ReadonlySet<string> = marks;
  try {
    // An unknown of no particular type cannot be type-checked: the result is equally undecided.
    if (plain.some((a, i) => !a.known && a.type.kind === 'dynamic' && !params[i]!.allowUnknown)) {
      return Value.unknown().withMarks(resultMarks);
    }
    const type: Type = def.returnType(plain);
    // Functions see only wholly known arguments unless a parameter says it copes with unknowns.
    if (plain.some((a, i) => !a.isWhollyKnown && !params[i]!.allowUnknown)) return Value.unknown(type).withMarks(resultMarks);
    return def.impl(plain, ctx).withMarks(resultMarks);
  } catch (e) {
    if (!(e instanceof FunctionError) || e.worded) throw e;
    if (e.argIndex !== undefined && params[e.argIndex]) throw paramError(params[e.argIndex]!, e.message, e.argIndex);
    throw callError('Error in function call', `Call to function "${name}" failed: ${e.message}.`);
  }
}

function paramError(param: Param, message: string, index: number): FunctionError {
  const err = new FunctionError(message, index);
  err.summary = 'Invalid function argument';
  err.worded = true;
  err.detail = `Invalid value for "${param.name}" parameter: ${message}.`;
  return err;
}

function callError(summary: string, detail: string): FunctionError {
  const err = new FunctionError(detail);
  err.summary = summary;
  err.worded = true;
  err.detail = detail;
  return err;
}
