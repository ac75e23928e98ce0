import type { BinaryOp } from '../hcl/ast.js';
import { convert, ConversionError } from '../value/convert.js';
import { decimalArithmetic } from '../value/decimal.js';
import { T, Value, equalValues, unionMarks, type Type } from '../value/value.js';

/** Why an operation could not be applied: HCL's summary and detail. */
export class OperandError extends Error {
  constructor(
    readonly summary: string,
    readonly detail: string,
    /** Which operand is at fault, to point the diagnostic at it. */
    readonly side?: 'left' | 'right' | 'unary',
  ) {
    super(detail);
  }
}

const ARITHMETIC = new Set<BinaryOp>(['+', '-', '*', '/', '%']);
const COMPARISON = new Set<BinaryOp>(['<', '>', '<=', '>=']);
const LOGICAL = new Set<BinaryOp>(['&&', '||']);

function operand(v: Value, want: Type, side: 'left' | 'right' | 'unary'): Value {
  try {
    return convert(v, want);
  } catch (e) {
    if (e instanceof ConversionError) {
      throw new OperandError('Invalid operand', `Unsuitable value for ${side} operand: ${e.message}.`, side);
    }
    throw e;
  }
}

/** Applies a binary operator with HCL's conversion rules. Unknown operands give an unknown result. */
export function applyBinary(op: BinaryOp, left: Value, right: Value): Value {
  const marks = unionMarks([left, right]);
  if (op === '==' || op === '!=') {
    if (!left.isWhollyKnown || !right.isWhollyKnown) return Value.unknown(T.bool).withMarks(marks);
    const eq = equalValues(left.unmark(), right.unmark()) || bothNullish(left, right);
    return Value.bool(op === '==' ? eq : !eq).withMarks(marks);
  }
  const want = LOGICAL.has(op) ? T.bool : T.number;
  const l = operand(left, want, 'left');
  const r = operand(right, want, 'right');
  const resultType = ARITHMETIC.has(op) ? T.number : T.bool;
  if (!l.known || !r.known) return Value.unknown(resultType).withMarks(marks);
  if (l.isNull || r.isNull) {
    throw new OperandError('Operation failed', 'Error during operation: argument must not be null.');
  }
  if (LOGICAL.has(op)) {
    return Value.bool(op === '&&' ? l.asBool() && r.asBool() : l.asBool() || r.asBool()).withMarks(marks);
  }
  const a = l.asNumber();
  const b = r.asNumber();
  if (COMPARISON.has(op)) {
    const res = op === '<' ? a < b : op === '>' ? a > b : op === '<=' ? a <= b : a >= b;
    return Value.bool(res).withMarks(marks);
  }
  return Value.number(decimalArithmetic(op as '+' | '-' | '*' | '/' | '%', a, b)).withMarks(marks);
}

function bothNullish(a: Value, b: Value): boolean {
  return a.isNull && b.isNull;
}

export function applyUnary(op: '!' | '-', v: Value): Value {
  const want = op === '!' ? T.bool : T.number;
  const x = operand(v, want, 'unary');
  if (!x.known) return Value.unknown(want).withMarks(v.marks);
  if (x.isNull) throw new OperandError('Operation failed', 'Error during operation: argument must not be null.');
  return (op === '!' ? Value.bool(!x.asBool()) : Value.number(-x.asNumber())).withMarks(v.marks);
}
