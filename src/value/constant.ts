// Values of constant expressions (literals, quoted strings without interpolation, tuples, objects),
// for places that evaluate without any variables or functions, such as `optional(T, default)`.

import type { Expression } from '../hcl/ast.js';
import { type Diagnostic, errorDiag } from '../diag/diagnostic.js';
import { Value } from './value.js';

export function evaluateConstant(expr: Expression): { value: Value; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const value = evaluate(expr, diagnostics);
  return { value, diagnostics };
}

function evaluate(expr: Expression, diags: Diagnostic[]): Value {
  switch (expr.kind) {
    case 'literal':
      if (expr.value === null) return Value.null();
      if (typeof expr.value === 'number') return Value.number(expr.value);
      if (typeof expr.value === 'boolean') return Value.bool(expr.value);
      return Value.string(expr.value);
    case 'template':
      if (expr.parts.every((p) => p.kind === 'tliteral')) {
        return Value.string(expr.parts.map((p) => (p.kind === 'tliteral' ? p.value : '')).join(''));
      }
      break;
    case 'parens':
      return evaluate(expr.expr, diags);
    case 'unary': {
      const operand = evaluate(expr.operand, diags);
      if (expr.op === '-' && operand.type.kind === 'number' && !operand.isNull) return Value.number(-operand.asNumber());
      if (expr.op === '!' && operand.type.kind === 'bool' && !operand.isNull) return Value.bool(!operand.asBool());
      break;
    }
    case 'tuple':
      return Value.tuple(expr.items.map((item) => evaluate(item, diags)));
    case 'object': {
      const entries = new Map<string, Value>();
      for (const item of expr.items) {
        const key = objectKey(item.key, diags);
        if (key !== undefined) entries.set(key, evaluate(item.value, diags));
      }
      return Value.object(entries);
    }
    case 'variable':
      diags.push(errorDiag('Variables not allowed', 'Variables may not be used here.', expr.range));
      return Value.unknown();
    case 'call':
      diags.push(errorDiag('Function calls not allowed', 'Functions may not be called here.', expr.range));
      return Value.unknown();
    default:
      break;
  }
  diags.push(errorDiag('Invalid default value', 'The default value must be a constant.', expr.range));
  return Value.unknown();
}

function objectKey(key: Expression, diags: Diagnostic[]): string | undefined {
  if (key.kind === 'literal' && key.bareKey) return String(key.value);
  if (key.kind === 'variable') return key.name;
  const v = evaluate(key, diags);
  if (!v.known) return undefined;
  if (v.type.kind === 'string' && !v.isNull) return v.asString();
  if (v.type.kind === 'number' && !v.isNull) return String(v.asNumber());
  if (v.type.kind === 'bool' && !v.isNull) return String(v.asBool());
  diags.push(errorDiag('Incorrect key type', 'Can\'t use this value as a key: string required.', key.range));
  return undefined;
}
