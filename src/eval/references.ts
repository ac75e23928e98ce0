import type { Expression, Range, TemplatePart } from '../hcl/ast.js';

/** A reference to a root name, with the first attribute after it when there is one (`local.name`). */
export interface Reference {
  root: string;
  attr?: string;
  /** Every attribute name that follows the root directly (`data.null.a.output` -> null, a, output). */
  path: string[];
  range: Range;
  /** The reference itself (the root and its attributes), to evaluate it apart from what surrounds it. */
  expr: Expression;
}

/** `a.b.c` as root `a` and attributes b, c; undefined when anything but attribute access is in between. */
function staticChain(e: Expression): { root: string; path: string[] } | undefined {
  if (e.kind === 'variable') return { root: e.name, path: [] };
  if (e.kind !== 'getattr') return undefined;
  const inner = staticChain(e.object);
  return inner && { root: inner.root, path: [...inner.path, e.name] };
}

/** Every reference to a root name in an expression, leaving out the iterator names of `for` expressions. */
export function findReferences(expr: Expression): Reference[] {
  const out: Reference[] = [];
  walk(expr, new Set(), out);
  return out;
}

function walk(e: Expression, bound: ReadonlySet<string>, out: Reference[]): void {
  switch (e.kind) {
    case 'variable':
      if (!bound.has(e.name)) out.push({ root: e.name, path: [], range: e.range, expr: e });
      return;
    case 'getattr': {
      const chain = staticChain(e);
      if (chain) {
        if (!bound.has(chain.root)) out.push({ root: chain.root, attr: chain.path[0], path: chain.path, range: e.range, expr: e });
        return;
      }
      walk(e.object, bound, out);
      return;
    }
    case 'index':
      walk(e.object, bound, out);
      walk(e.key, bound, out);
      return;
    case 'splat':
      walk(e.object, bound, out);
      walk(e.each, bound, out);
      return;
    case 'parens':
      walk(e.expr, bound, out);
      return;
    case 'bound':
      walk(e.expr, new Set([...bound, ...Object.keys(e.bindings)]), out);
      return;
    case 'call':
      e.args.forEach((a) => walk(a, bound, out));
      return;
    case 'conditional':
      walk(e.cond, bound, out);
      walk(e.then, bound, out);
      walk(e.else, bound, out);
      return;
    case 'binary':
      walk(e.left, bound, out);
      walk(e.right, bound, out);
      return;
    case 'unary':
      walk(e.operand, bound, out);
      return;
    case 'tuple':
      e.items.forEach((i) => walk(i, bound, out));
      return;
    case 'object':
      for (const it of e.items) {
        walk(it.key, bound, out);
        walk(it.value, bound, out);
      }
      return;
    case 'for': {
      walk(e.collection, bound, out);
      const inner = new Set(bound);
      inner.add(e.valueVar);
      if (e.keyVar) inner.add(e.keyVar);
      if (e.keyExpr) walk(e.keyExpr, inner, out);
      walk(e.valueExpr, inner, out);
      if (e.cond) walk(e.cond, inner, out);
      return;
    }
    case 'template':
      walkParts(e.parts, bound, out);
      return;
    case 'literal':
    case 'anon':
      return;
  }
}

function walkParts(parts: TemplatePart[], bound: ReadonlySet<string>, out: Reference[]): void {
  for (const p of parts) {
    switch (p.kind) {
      case 'tinterp':
        walk(p.expr, bound, out);
        break;
      case 'tif':
        walk(p.cond, bound, out);
        walkParts(p.then, bound, out);
        if (p.else) walkParts(p.else, bound, out);
        break;
      case 'tfor': {
        walk(p.collection, bound, out);
        const inner = new Set(bound);
        inner.add(p.valueVar);
        if (p.keyVar) inner.add(p.keyVar);
        walkParts(p.body, inner, out);
        break;
      }
      case 'tliteral':
        break;
    }
  }
}
