import type { Expression, ForExpr, Range, TemplatePart } from '../hcl/ast.js';
import { errorDiag, type Diagnostic } from '../diag/diagnostic.js';
import { didYouMean } from '../diag/suggest.js';
import { convert, ConversionError, unifyTypes } from '../value/convert.js';
import { T, Value, typeName, unionMarks, type Type } from '../value/value.js';
import { getAttr, getIndex } from './access.js';
import { callExpression } from './call.js';
import { isIterable, iterate, listOrTuple } from './collection.js';
import { applyBinary, applyUnary, OperandError } from './operators.js';
import { childScope, type Scope } from './scope.js';

export interface EvalResult {
  value: Value;
  diagnostics: Diagnostic[];
  /**
   * Every known string marked sensitive met on the way (a secret, a value made from it, each larger string it
   * went into): output can hide the part of a result a command prints, not only the whole result.
   */
  sensitive: string[];
}

/** Evaluates an expression. Never throws for problems in the template: they come back as diagnostics. */
export function evaluate(expr: Expression, scope: Scope): EvalResult {
  const ev = new Evaluator();
  const value = ev.eval(expr, scope, undefined);
  return { value, diagnostics: ev.diagnostics, sensitive: [...ev.sensitive] };
}

/** The value given to failed sub-expressions: unknown, so that one mistake does not cascade into more errors. */
const FAILED = Value.unknown(T.dynamic);

export class Evaluator {
  readonly diagnostics: Diagnostic[] = [];
  readonly sensitive = new Set<string>();

  error(summary: string, detail: string, range: Range, context?: Range): Value {
    this.diagnostics.push(errorDiag(summary, detail, range, context));
    return FAILED;
  }

  /** Runs an operation that may throw OperandError, turning it into a diagnostic at `range`. */
  guard(range: Range, fn: () => Value): Value {
    try {
      return fn();
    } catch (e) {
      if (e instanceof OperandError) return this.error(e.summary, e.detail, range);
      throw e;
    }
  }

  eval(expr: Expression, scope: Scope, anon: Value | undefined): Value {
    const v = this.evalNode(expr, scope, anon);
    if (v.known && typeof v.raw === 'string' && v.raw !== '' && v.hasMark('sensitive')) this.sensitive.add(v.raw);
    return v;
  }

  private evalNode(expr: Expression, scope: Scope, anon: Value | undefined): Value {
    switch (expr.kind) {
      case 'literal':
        return literal(expr.value);
      case 'parens':
        return this.eval(expr.expr, scope, anon);
      case 'bound':
        return this.eval(expr.expr, childScope(scope, expr.bindings), anon);
      case 'anon':
        return anon ?? FAILED;
      case 'variable': {
        const v = scope.lookup(expr.name);
        if (v) return v;
        return this.error('Unknown variable', `There is no variable named "${expr.name}".${didYouMean(expr.name, scope.names())}`, expr.range);
      }
      case 'getattr': {
        const obj = this.eval(expr.object, scope, anon);
        return this.guard(expr.nameRange, () => getAttr(obj, expr.name));
      }
      case 'index': {
        const obj = this.eval(expr.object, scope, anon);
        const key = this.eval(expr.key, scope, anon);
        return this.guard(expr.key.range, () => getIndex(obj, key));
      }
      case 'splat':
        return this.splat(expr.object, expr.each, scope, anon);
      case 'template':
        return this.template(expr.parts, scope, anon, expr.heredoc !== undefined);
      case 'tuple':
        return Value.tuple(expr.items.map((i) => this.eval(i, scope, anon)));
      case 'object':
        return this.object(expr.items, scope, anon);
      case 'conditional':
        return this.conditional(expr.cond, expr.then, expr.else, scope, anon, expr.range);
      case 'binary': {
        const l = this.eval(expr.left, scope, anon);
        const r = this.eval(expr.right, scope, anon);
        try {
          return applyBinary(expr.op, l, r);
        } catch (e) {
          if (!(e instanceof OperandError)) throw e;
          const at = e.side === 'left' ? expr.left.range : e.side === 'right' ? expr.right.range : expr.range;
          return this.error(e.summary, e.detail, at, expr.range);
        }
      }
      case 'unary': {
        const v = this.eval(expr.operand, scope, anon);
        return this.guard(expr.range, () => applyUnary(expr.op, v));
      }
      case 'for':
        return this.forExpr(expr, scope, anon);
      case 'call':
        return callExpression(this, expr, scope, anon);
    }
  }

  /**
   * `src[*].each`, as HCL does it: a source of undecided type gives an unknown; a value that is not a sequence is a
   * one-element tuple (null an empty one); an unknown sequence gives an unknown, `each` still being checked against
   * its element types so that an attribute no element can have is reported.
   */
  private splat(objectExpr: Expression, each: Expression, scope: Scope, anon: Value | undefined): Value {
    const src = this.eval(objectExpr, scope, anon);
    if (src.type.kind === 'dynamic') return Value.unknown(T.dynamic).withMarks(src.marks);
    const t = src.type;
    if (t.kind !== 'list' && t.kind !== 'set' && t.kind !== 'tuple') {
      return src.isNull ? Value.tuple([]) : this.splatItems([src], false, each, scope).withMarks(src.marks);
    }
    if (src.isNull) {
      return this.error('Splat of null value', 'Splat expressions (with the * symbol) cannot be applied to null sequences.', objectExpr.range);
    }
    if (src.known) return this.splatItems(src.elements(), t.kind !== 'tuple', each, scope).withMarks(src.marks);
    const elemTypes = t.kind === 'tuple' ? t.elems : [t.elem];
    const types = elemTypes.map((et) => this.eval(each, scope, Value.unknown(et)).type);
    return Value.unknown(t.kind === 'tuple' ? T.tuple(types) : T.list(types[0]!)).withMarks(src.marks);
  }

  private splatItems(items: readonly Value[], asList: boolean, each: Expression, scope: Scope): Value {
    const out = items.map((it) => this.eval(each, scope, it));
    return asList ? listOrTuple(out) : Value.tuple(out);
  }

  private object(items: { key: Expression; value: Expression }[], scope: Scope, anon: Value | undefined): Value {
    const entries = new Map<string, Value>();
    let unknownKey = false;
    const marks = new Set<string>();
    for (const item of items) {
      const k = this.eval(item.key, scope, anon);
      const v = this.eval(item.value, scope, anon);
      if (k.isNull) {
        this.error('Null value as key', "Can't use a null value as a key.", item.key.range);
        continue;
      }
      let ks: Value;
      try {
        ks = convert(k, T.string);
      } catch (e) {
        if (!(e instanceof ConversionError)) throw e;
        this.error('Incorrect key type', `Can't use this value as a key: ${e.message}.`, item.key.range);
        continue;
      }
      if (!ks.known) {
        unknownKey = true;
        continue;
      }
      for (const m of ks.marks) marks.add(m);
      entries.set(ks.asString(), v);
    }
    if (unknownKey) return Value.unknown(T.dynamic);
    return Value.object(entries).withMarks(marks);
  }

  private conditional(c: Expression, a: Expression, b: Expression, scope: Scope, anon: Value | undefined, range: Range): Value {
    const cond = this.eval(c, scope, anon);
    const tv = this.eval(a, scope, anon);
    const fv = this.eval(b, scope, anon);
    const resultType = conditionalType(tv, fv);
    if (!resultType) {
      return this.error(
        'Inconsistent conditional result types',
        `The true and false result expressions must have consistent types. The given expressions are ${typeName(tv.type)} and ${typeName(fv.type)}, respectively.`,
        range,
      );
    }
    if (cond.isNull) return this.error('Null condition', 'The condition value is null. Conditions must either be true or false.', c.range);
    let cb: Value;
    try {
      cb = convert(cond, T.bool);
    } catch (e) {
      if (!(e instanceof ConversionError)) throw e;
      return this.error('Incorrect condition type', 'The condition expression must be of type bool.', c.range);
    }
    if (!cb.known) return Value.unknown(resultType).withMarks(cond.marks);
    const chosen = cb.asBool() ? tv : fv;
    if (resultType.kind === 'dynamic') return chosen.withMarks(cond.marks);
    try {
      return convert(chosen, resultType).withMarks(cond.marks);
    } catch (e) {
      if (!(e instanceof ConversionError)) throw e;
      return this.error('Inconsistent conditional result types', `The result could not be converted to ${typeName(resultType)}: ${e.message}.`, range);
    }
  }

  private forExpr(expr: ForExpr, scope: Scope, anon: Value | undefined): Value {
    const coll = this.eval(expr.collection, scope, anon);
    if (coll.isNull) {
      return this.error('Iteration over null value', "A null value cannot be used as the collection in a 'for' expression.", expr.collection.range);
    }
    if (!isIterable(coll.type) && coll.type.kind !== 'dynamic') {
      return this.error(
        'Iteration over non-iterable value',
        `A value of type ${typeName(coll.type)} cannot be used as the collection in a 'for' expression.`,
        expr.collection.range,
      );
    }
    if (!coll.known) return Value.unknown(T.dynamic).withMarks(coll.marks);
    const tupleItems: Value[] = [];
    const groups = new Map<string, Value[]>();
    const objectItems = new Map<string, Value>();
    for (const [k, v] of iterate(coll)) {
      const vars: Record<string, Value> = { [expr.valueVar]: v };
      if (expr.keyVar) vars[expr.keyVar] = k;
      const inner = childScope(scope, vars);
      if (expr.cond) {
        const c = this.eval(expr.cond, inner, anon);
        if (c.isNull) return this.error('Condition is null', "The value of the 'if' clause must not be null.", expr.cond.range);
        let cb: Value;
        try {
          cb = convert(c, T.bool);
        } catch (e) {
          if (!(e instanceof ConversionError)) throw e;
          return this.error('Invalid \'for\' condition', `The 'if' clause value is invalid: ${e.message}.`, expr.cond.range);
        }
        if (!cb.known) return Value.unknown(T.dynamic);
        if (!cb.asBool()) continue;
      }
      const value = this.eval(expr.valueExpr, inner, anon);
      if (!expr.keyExpr) {
        tupleItems.push(value);
        continue;
      }
      const key = this.eval(expr.keyExpr, inner, anon);
      if (key.isNull) return this.error('Invalid object key', "Key expression in 'for' expression must not produce a null value.", expr.keyExpr.range);
      let ks: Value;
      try {
        ks = convert(key, T.string);
      } catch (e) {
        if (!(e instanceof ConversionError)) throw e;
        return this.error('Invalid object key', `The key expression produced an invalid result: ${e.message}.`, expr.keyExpr.range);
      }
      if (!ks.known) return Value.unknown(T.dynamic);
      const name = ks.asString();
      if (expr.group) {
        const g = groups.get(name) ?? [];
        g.push(value);
        groups.set(name, g);
      } else if (objectItems.has(name)) {
        return this.error(
          'Duplicate object key',
          `Two different items produced the key "${name}" in this 'for' expression. If duplicates are expected, use the ellipsis (...) after the value expression to enable grouping by key.`,
          expr.keyExpr.range,
          expr.range,
        );
      } else {
        objectItems.set(name, value);
      }
    }
    if (!expr.keyExpr) return Value.tuple(tupleItems).withMarks(coll.marks);
    if (expr.group) {
      const grouped = new Map([...groups].map(([k, vs]) => [k, Value.tuple(vs)] as const));
      return Value.object(grouped).withMarks(coll.marks);
    }
    return Value.object(objectItems).withMarks(coll.marks);
  }

  /** A template: a lone interpolation returns its value as is (HCL's template wrap); anything else is a string. */
  template(parts: TemplatePart[], scope: Scope, anon: Value | undefined, heredoc = false): Value {
    if (parts.length === 1 && parts[0]!.kind === 'tinterp' && !heredoc) return this.eval(parts[0]!.expr, scope, anon);
    const pieces: Value[] = [];
    if (!this.renderParts(parts, scope, anon, pieces)) return FAILED;
    const marks = unionMarks(pieces);
    if (pieces.some((p) => !p.known)) return Value.unknown(T.string).withMarks(marks);
    return Value.string(pieces.map((p) => p.asString()).join('')).withMarks(marks);
  }

  private renderParts(parts: TemplatePart[], scope: Scope, anon: Value | undefined, out: Value[]): boolean {
    let ok = true;
    for (const part of parts) {
      switch (part.kind) {
        case 'tliteral':
          out.push(Value.string(part.value));
          break;
        case 'tinterp': {
          const v = this.eval(part.expr, scope, anon);
          const s = this.stringify(v, part.expr.range);
          if (s) out.push(s);
          else ok = false;
          break;
        }
        case 'tif': {
          const c = this.eval(part.cond, scope, anon);
          if (c.isNull) {
            this.error('Invalid template if directive', 'The condition value is null. Conditions must either be true or false.', part.cond.range);
            ok = false;
            break;
          }
          let cb: Value;
          try {
            cb = convert(c, T.bool);
          } catch (e) {
            if (!(e instanceof ConversionError)) throw e;
            this.error('Invalid template if directive', `The condition expression must be of type bool: ${e.message}.`, part.cond.range);
            ok = false;
            break;
          }
          if (!cb.known) {
            out.push(Value.unknown(T.string));
            break;
          }
          const branch = cb.asBool() ? part.then : part.else ?? [];
          ok = this.renderParts(branch, scope, anon, out) && ok;
          break;
        }
        case 'tfor': {
          const coll = this.eval(part.collection, scope, anon);
          if (coll.isNull || (!isIterable(coll.type) && coll.type.kind !== 'dynamic')) {
            this.error('Invalid template for directive', `A value of type ${coll.isNull ? 'null' : typeName(coll.type)} cannot be used as the collection in a 'for' directive.`, part.collection.range);
            ok = false;
            break;
          }
          if (!coll.known) {
            out.push(Value.unknown(T.string));
            break;
          }
          for (const [k, v] of iterate(coll)) {
            const vars: Record<string, Value> = { [part.valueVar]: v };
            if (part.keyVar) vars[part.keyVar] = k;
            ok = this.renderParts(part.body, childScope(scope, vars), anon, out) && ok;
          }
          break;
        }
      }
    }
    return ok;
  }

  /** A value as it appears inside a string template. */
  stringify(v: Value, range: Range): Value | undefined {
    if (v.isNull) {
      this.error('Invalid template interpolation value', 'The expression result is null. Cannot include a null value in a string template.', range);
      return undefined;
    }
    try {
      return convert(v, T.string);
    } catch (e) {
      if (!(e instanceof ConversionError)) throw e;
      this.error('Invalid template interpolation value', `Cannot include the given value in a string template: ${e.message}.`, range);
      return undefined;
    }
  }
}

/**
 * The type of a conditional's result, as HCL decides it: a literal `null` takes the other branch's type; a branch
 * whose type is not decided yet (an unknown value of any type) leaves the result's type undecided, and the chosen
 * branch then passes through unconverted; otherwise both branches unify. Undefined when they cannot.
 */
function conditionalType(tv: Value, fv: Value): Type | undefined {
  if (isDynamicNull(tv)) return fv.type;
  if (isDynamicNull(fv)) return tv.type;
  if (tv.type.kind === 'dynamic' || fv.type.kind === 'dynamic') return T.dynamic;
  return unifyTypes([tv.type, fv.type]);
}

function isDynamicNull(v: Value): boolean {
  return v.isNull && v.type.kind === 'dynamic' && v.marks.size === 0;
}

function literal(v: null | boolean | number | string): Value {
  if (v === null) return Value.null(T.dynamic);
  if (typeof v === 'boolean') return Value.bool(v);
  if (typeof v === 'number') return Value.number(v);
  return Value.string(v);
}
