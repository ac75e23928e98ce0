import type { CallExpr } from '../hcl/ast.js';
import { DiagnosticsError } from '../diag/diagnostic.js';
import { didYouMean } from '../diag/suggest.js';
import { callDef } from '../functions/call.js';
import { convertToType } from '../functions/conversion.js';
import { FunctionError } from '../functions/types.js';
import { typeFromExpression } from '../value/type-expr.js';
import { T, Value } from '../value/value.js';
import type { Evaluator } from './evaluate.js';
import type { Scope } from './scope.js';

type SpecialForm = (ev: Evaluator, call: CallExpr, scope: Scope, anon: Value | undefined) => Value;

/** Functions that receive expressions rather than values. */
const SPECIAL_FORMS: Record<string, SpecialForm> = {
  try: evalTry,
  can: evalCan,
  convert: evalConvert,
};

/** Names of the special forms, for "Did you mean" suggestions and the function list. */
export const specialFormNames = Object.keys(SPECIAL_FORMS);

export function callExpression(ev: Evaluator, call: CallExpr, scope: Scope, anon: Value | undefined): Value {
  const special = SPECIAL_FORMS[call.name];
  if (special) return special(ev, call, scope, anon);
  if (!Object.hasOwn(scope.functions, call.name)) {
    const known = [...Object.keys(scope.functions), ...specialFormNames];
    return ev.error('Call to unknown function', `There is no function named "${call.name}".${didYouMean(call.name, known)}`, call.nameRange, call.range);
  }
  const args = call.args.map((a) => ev.eval(a, scope, anon));
  if (call.expandFinal && args.length > 0) {
    const last = args.pop()!;
    const lastExpr = call.args[call.args.length - 1]!;
    if (!last.known) return Value.unknown(T.dynamic);
    if (last.isNull || !['list', 'set', 'tuple'].includes(last.type.kind)) {
      return ev.error('Invalid expanding argument value', 'The expanding argument (indicated by ...) must be of a tuple, list, or set type.', lastExpr.range, call.range);
    }
    args.push(...last.elements().map((e) => e.withMarks(last.marks)));
  }
  try {
    return callDef(call.name, scope.functions[call.name]!, args, scope.fnContext);
  } catch (e) {
    if (e instanceof DiagnosticsError) {
      // templatefile: the problems are in the rendered file, where the diagnostics point.
      ev.diagnostics.push(...e.diagnostics);
      return Value.unknown(T.dynamic);
    }
    if (!(e instanceof FunctionError)) throw e;
    const argExpr = e.argIndex !== undefined ? call.args[Math.min(e.argIndex, call.args.length - 1)] : undefined;
    return ev.error(e.summary, e.detail, argExpr?.range ?? call.range, call.range);
  }
}

/** Evaluates an expression on its own, keeping its diagnostics apart. */
function attempt(ev: Evaluator, call: CallExpr, index: number, scope: Scope, anon: Value | undefined) {
  const sub = new (ev.constructor as new () => Evaluator)();
  const value = sub.eval(call.args[index]!, scope, anon);
  return { value, diagnostics: sub.diagnostics };
}

function evalTry(ev: Evaluator, call: CallExpr, scope: Scope, anon: Value | undefined): Value {
  if (call.args.length === 0) {
    return ev.error('Not enough function arguments', 'Function "try" expects at least one argument.', call.range);
  }
  const failures: string[] = [];
  for (let i = 0; i < call.args.length; i++) {
    const { value, diagnostics } = attempt(ev, call, i, scope, anon);
    if (diagnostics.length === 0) {
      // An unknown result might still fail once known: the whole call is unknown until then.
      return value.isWhollyKnown ? value : Value.unknown(T.dynamic);
    }
    failures.push(...diagnostics.map((d) => `- ${d.summary}: ${d.detail}`));
  }
  return ev.error('Error in function call', `Call to function "try" failed: no expression succeeded:\n${failures.join('\n')}\n\nAt least one expression must produce a successful result.`, call.range);
}

function evalCan(ev: Evaluator, call: CallExpr, scope: Scope, anon: Value | undefined): Value {
  if (call.args.length !== 1) {
    return ev.error(call.args.length === 0 ? 'Not enough function arguments' : 'Too many function arguments', 'Function "can" expects 1 argument(s).', call.range);
  }
  const { value, diagnostics } = attempt(ev, call, 0, scope, anon);
  if (diagnostics.length > 0) return Value.bool(false);
  return value.isWhollyKnown ? Value.bool(true) : Value.unknown(T.bool);
}

function evalConvert(ev: Evaluator, call: CallExpr, scope: Scope, anon: Value | undefined): Value {
  if (call.args.length !== 2) {
    return ev.error(call.args.length < 2 ? 'Not enough function arguments' : 'Too many function arguments', 'Function "convert" expects 2 argument(s).', call.range);
  }
  const value = ev.eval(call.args[0]!, scope, anon);
  const { type, diagnostics } = typeFromExpression(call.args[1]!);
  if (diagnostics.length > 0) {
    ev.diagnostics.push(...diagnostics);
    return Value.unknown(T.dynamic);
  }
  try {
    return convertToType(value, type);
  } catch (e) {
    if (!(e instanceof FunctionError)) throw e;
    return ev.error(e.summary, e.detail, call.args[0]!.range, call.range);
  }
}
