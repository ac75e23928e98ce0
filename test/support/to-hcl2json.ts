// Projects a syntax tree to the JSON shape printed by hcl2json (tmccombs/hcl2json), to cross-check the
// parser against HashiCorp's own on real templates. The projection follows hcl2json's conversion rules,
// quirks included: blocks grouped by type then labels, each label path holding an array of bodies;
// literal values as JSON values; every other expression as "${<source text>}"; templates rebuilt as
// text with strip markers dropped (a conditional inside "${}" is rendered as a %{if} directive, as
// hcl2json does). Literal template text is written with `${` and `%{` escaped as `$${` and `%%{`, as
// hcl2json prints it.

import type { Body, Expression, File, TemplateExpr, TemplatePart } from '../../src/hcl/ast.js';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObj = { [key: string]: Json };

export function toHcl2Json(file: File): JsonObj {
  return convertBody(file.body, file.source);
}

function convertBody(body: Body, source: string): JsonObj {
  const out: JsonObj = {};
  for (const item of body.items) {
    if (item.kind !== 'block') continue;
    let target = out;
    let key = item.type;
    for (const label of item.labels) {
      const existing = target[key];
      if (existing === undefined || Array.isArray(existing) || typeof existing !== 'object' || existing === null) target[key] = {};
      target = target[key] as JsonObj;
      key = label;
    }
    const list = Array.isArray(target[key]) ? (target[key] as Json[]) : [];
    list.push(convertBody(item.body, source));
    target[key] = list;
  }
  for (const item of body.items) {
    if (item.kind === 'attribute') out[item.name] = convertExpression(item.expr, source);
  }
  return out;
}

function sourceOf(e: { range: Expression['range'] }, source: string): string {
  let end = e.range.end.offset;
  if (source[end] === ')') end++;
  return source.slice(e.range.start.offset, end);
}

function wrap(e: Expression, source: string): string {
  return '${' + sourceOf(e, source) + '}';
}

/** A template of a single interpolation: HCL hands back the inner expression's value unconverted. */
function passthrough(t: TemplateExpr): Expression | undefined {
  const [only] = t.parts;
  return t.parts.length === 1 && only?.kind === 'tinterp' ? only.expr : undefined;
}

function convertExpression(e: Expression, source: string): Json {
  switch (e.kind) {
    case 'literal':
      return e.value;
    case 'unary':
      if (e.operand.kind !== 'literal') return wrap(e, source);
      return e.op === '-' ? -(e.operand.value as number) : !e.operand.value;
    case 'template': {
      const inner = passthrough(e);
      return inner ? convertExpression(inner, source) : convertTemplate(e.parts, source);
    }
    case 'tuple':
      return e.items.map((i) => convertExpression(i, source));
    case 'object': {
      const obj: JsonObj = {};
      for (const item of e.items) obj[convertKey(item.key, source)] = convertExpression(item.value, source);
      return obj;
    }
    default:
      return wrap(e, source);
  }
}

function isTraversal(e: Expression): boolean {
  switch (e.kind) {
    case 'variable':
      return true;
    case 'getattr':
      return isTraversal(e.object);
    case 'index':
      return (e.key.kind === 'literal' || (e.key.kind === 'template' && e.key.parts.every((p) => p.kind === 'tliteral'))) && isTraversal(e.object);
    default:
      return false;
  }
}

function convertKey(key: Expression, source: string): string {
  if ((key.kind === 'literal' && key.bareKey) || isTraversal(key)) return sourceOf(key, source);
  return convertStringPart(key, source);
}

function escapeLiteral(text: string): string {
  return text.replace(/([$%])\{/g, (_, c: string) => c + c + '{');
}

function convertTemplate(parts: readonly TemplatePart[], source: string): string {
  if (parts.length === 1 && parts[0]!.kind === 'tliteral') return escapeLiteral(parts[0]!.value);
  return parts.map((p) => convertPart(p, source)).join('');
}

function convertPart(part: TemplatePart, source: string): string {
  switch (part.kind) {
    case 'tliteral':
      return escapeLiteral(part.value);
    case 'tinterp':
      return convertStringPart(part.expr, source);
    case 'tif':
      return conditional(sourceOf(part.cond, source), convertTemplate(part.then, source), convertTemplate(part.else ?? [], source));
    case 'tfor': {
      const names = (part.keyVar !== undefined ? part.keyVar + ', ' : '') + part.valueVar;
      return `%{for ${names} in ${sourceOf(part.collection, source)}}${convertTemplate(part.body, source)}%{endfor}`;
    }
  }
}

function conditional(cond: string, then: string, otherwise: string): string {
  return `%{if ${cond}}${then}${otherwise.length > 0 ? '%{else}' + otherwise : ''}%{endif}`;
}

function convertStringPart(e: Expression, source: string): string {
  switch (e.kind) {
    case 'literal':
      return e.value === null ? '' : String(e.value);
    case 'template': {
      const inner = passthrough(e);
      return inner ? convertStringPart(inner, source) : convertTemplate(e.parts, source);
    }
    case 'conditional':
      return conditional(sourceOf(e.cond, source), convertStringPart(e.then, source), convertStringPart(e.else, source));
    default:
      return wrap(e, source);
  }
}
