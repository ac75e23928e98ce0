import type { Attribute, Expression, Range } from '../../src/hcl/ast.js';
import { parseHCL } from '../../src/hcl/parser.js';

/** Parses `name = <expr>` and returns the expression, failing on any diagnostic. */
export function expr(text: string): Expression {
  const r = parseHCL(`x = ${text}\n`, 't.hcl');
  if (r.diagnostics.length > 0) throw new Error(r.diagnostics.map((d) => d.summary).join('; '));
  return (r.file.body.items[0] as Attribute).expr;
}

/** A compact rendering of an expression tree, to compare structure in one string. */
export function show(e: Expression): string {
  switch (e.kind) {
    case 'literal':
      return e.bareKey ? `key:${e.value}` : JSON.stringify(e.value);
    case 'variable':
      return e.name;
    case 'getattr':
      return `${show(e.object)}.${e.name}`;
    case 'index':
      return `${show(e.object)}[${show(e.key)}]${e.legacy ? 'L' : ''}`;
    case 'splat':
      return `splat${e.full ? '[*]' : '.*'}(${show(e.object)}; ${show(e.each)})`;
    case 'anon':
      return '@';
    case 'call':
      return `${e.name}(${e.args.map(show).join(', ')}${e.expandFinal ? '...' : ''})`;
    case 'conditional':
      return `(${show(e.cond)} ? ${show(e.then)} : ${show(e.else)})`;
    case 'binary':
      return `(${show(e.left)} ${e.op} ${show(e.right)})`;
    case 'unary':
      return `(${e.op}${show(e.operand)})`;
    case 'tuple':
      return `[${e.items.map(show).join(', ')}]`;
    case 'object':
      return `{${e.items.map((i) => `${show(i.key)}${i.sep}${show(i.value)}`).join(', ')}}`;
    case 'parens':
      return `(${show(e.expr)})`;
    case 'for':
      return `for(${e.keyVar ? e.keyVar + ',' : ''}${e.valueVar} in ${show(e.collection)}: ${e.keyExpr ? show(e.keyExpr) + ' => ' : ''}${show(e.valueExpr)}${e.group ? '...' : ''}${e.cond ? ' if ' + show(e.cond) : ''})`;
    case 'template':
      return `tpl(${e.parts.map((p) => (p.kind === 'tliteral' ? JSON.stringify(p.value) : p.kind === 'tinterp' ? `\${${show(p.expr)}}` : p.kind)).join(' ')})`;
  }  throw new Error(`show: no rendering for expression kind ${(e as { kind: string }).kind}`);
}

/** `line:col-line:col` of a range. */
export function at(r: Range): string {
  return `${r.start.line}:${r.start.column}-${r.end.line}:${r.end.column}`;
}
