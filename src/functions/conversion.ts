// Type conversion functions: tobool, tonumber, tostring, tolist, toset, tomap, and the conversion behind
// `convert(value, type)`, whose type argument the evaluator reads as a type expression.

import { canConvert, constraintName, convert, mismatchMessage } from '../value/convert.js';
import { T, Value, typeName, type Type } from '../value/value.js';
import { FunctionError, argError, define, param, type FunctionDef } from './types.js';
import { unmarkDeep } from './values.js';

/** cty's FriendlyNameForConstraint: a collection of `any` reads "list of any single type". */
function wantedName(t: Type): string {
  if ((t.kind === 'list' || t.kind === 'set' || t.kind === 'map') && t.elem.kind === 'dynamic') return `${t.kind} of any single type`;
  return constraintName(t);
}

function conversionType(v: Value, want: Type): Type {
  if (canConvert(v.type, want)) return want;
  if (v.type.kind === 'tuple' && want.kind === 'tuple') {
    throw argError(0, `incompatible tuple type for conversion: ${mismatchMessage(v.type, want)}`);
  }
  if (v.type.kind === 'object' && want.kind === 'object') {
    throw argError(0, `incompatible object type for conversion: ${mismatchMessage(v.type, want)}`);
  }
  throw argError(0, `cannot convert ${typeName(v.type)} to ${wantedName(want)}`);
}

function convertExplicitly(arg: Value, want: Type): Value {
  try {
    return convert(arg, want);
  } catch (e) {
    const { value } = unmarkDeep(arg);
    const got = value.type;
    if (arg.hasMarkDeep('sensitive')) throw argError(0, `cannot convert this sensitive ${typeName(got)} to ${wantedName(want)}`);
    const what = value.isNull || got.kind !== 'string' ? 'string' : JSON.stringify(value.asString());
    if (got.kind === 'string' && want.kind === 'bool') {
      throw argError(0, `cannot convert ${what} to bool; only the strings "true" or "false" are allowed`);
    }
    if (got.kind === 'string' && want.kind === 'number') {
      throw argError(0, `cannot convert ${what} to number; given string must be a decimal representation of a number`);
    }
    throw argError(0, (e as Error).message);
  }
}

function toFunction(want: Type): FunctionDef {
  return define({
    params: [param('v', T.dynamic, { allowNull: true, allowMarked: true })],
    returns: ([v]) => conversionType(v!, want),
    impl: ([v]) => convertExplicitly(v!, conversionType(v!, want)),
  });
}

/**
 * `convert(value, type)`: converts as the type conversion functions do, for the evaluator (which reads the
 * type expression). Throws FunctionError worded as HCL words the failure.
 */
export function convertToType(value: Value, type: Type): Value {
  try {
    if (!canConvert(value.type, type)) throw argError(0, `unsuitable value: ${mismatchMessage(value.type, type)}`);
    return convertExplicitly(value, type);
  } catch (e) {
    if (!(e instanceof FunctionError) || e.worded) throw e;
    const err = new FunctionError(e.message, 0);
    err.summary = 'Invalid function argument';
    err.detail = `Invalid value for "value" parameter: ${e.message}.`;
    err.worded = true;
    throw err;
  }
}

export const conversionFunctions: Record<string, FunctionDef> = {
  tobool: toFunction(T.bool),
  tonumber: toFunction(T.number),
  tostring: toFunction(T.string),
  tolist: toFunction(T.list(T.dynamic)),
  toset: toFunction(T.set(T.dynamic)),
  tomap: toFunction(T.map(T.dynamic)),
};
