import type { Attribute, Block, Body, Expression } from '../hcl/ast.js';
import { errorDiag, type Diagnostic } from '../diag/diagnostic.js';
import { evaluate } from '../eval/evaluate.js';
import { childScope, type Scope } from '../eval/scope.js';
import { convert, ConversionError } from '../value/convert.js';
import { T, Value, typeName } from '../value/value.js';
import { decodeBody, type Schema } from './body.js';
import { unknownValueDiag } from './unknown-value.js';

const DYNAMIC_SCHEMA: Schema = {
  attributes: { for_each: { required: true }, iterator: {}, labels: {} },
  blocks: { content: { labels: [] } },
};

/** Wraps every expression of a body so that it sees `bindings` (the iterator of a dynamic block). */
function bindBody(body: Body, bindings: Record<string, Value>): Body {
  return {
    ...body,
    items: body.items.map((item): Attribute | Block =>
      item.kind === 'attribute'
        ? { ...item, expr: { kind: 'bound', expr: item.expr, bindings, range: item.expr.range } }
        : { ...item, body: bindBody(item.body, bindings) },
    ),
  };
}

/** The iterator's name: `iterator = name` (a bare name), else the block type. */
function iteratorName(attr: Attribute | undefined, fallback: string, diags: Diagnostic[]): string {
  if (!attr) return fallback;
  if (attr.expr.kind === 'variable') return attr.expr.name;
  diags.push(errorDiag('Invalid dynamic iterator name', 'The iterator must be a single name, such as iterator = tag.', attr.expr.range));
  return fallback;
}

/** `requireKnown`: an unknown for_each or labels value is an error (the blocks are for running a plugin). */
export interface ExpandOptions {
  requireKnown?: boolean;
  /** For messages: the block being configured. */
  where?: string;
}

function expandOne(block: Block, scope: Scope, diags: Diagnostic[], o: ExpandOptions): Block[] {
  const type = block.labels[0]!;
  const content = decodeBody(block.body, DYNAMIC_SCHEMA, `dynamic "${type}"`);
  diags.push(...content.diagnostics);
  const forEach = content.attributes.get('for_each');
  const contentBlocks = content.blocks;
  if (contentBlocks.length !== 1) {
    diags.push(errorDiag('Invalid dynamic block', `A dynamic "${type}" block must have exactly one content block.`, block.openBraceRange));
    return [];
  }
  if (!forEach) return [];
  const iter = iteratorName(content.attributes.get('iterator'), type, diags);
  const coll = evaluate(forEach.expr, scope);
  diags.push(...coll.diagnostics);
  if (coll.diagnostics.length === 0 && !coll.value.isWhollyKnown && o.requireKnown) {
    diags.push(unknownValueDiag(`the for_each of dynamic "${type}"`, o.where ?? 'this block', forEach.expr.range));
    return [];
  }
  if (coll.diagnostics.length > 0 || !coll.value.known) return [];
  const v = coll.value;
  if (v.isNull || !['list', 'set', 'tuple', 'map', 'object'].includes(v.type.kind)) {
    diags.push(
      errorDiag('Invalid dynamic for_each value', `Cannot use a ${v.isNull ? 'null' : typeName(v.type)} value in for_each. An iterable collection is required.`, forEach.expr.range),
    );
    return [];
  }
  const pairs: [Value, Value][] = v.raw instanceof Map ? v.entries().map(([k, x]) => [Value.string(k), x]) : v.elements().map((x, i) => [v.type.kind === 'set' ? x : Value.number(i), x]);
  const out: Block[] = [];
  for (const [key, value] of pairs) {
    const bindings = { [iter]: Value.object({ key, value }) };
    const inner = childScope(scope, bindings);
    const labels = dynamicLabels(content.attributes.get('labels')?.expr, inner, diags, o);
    if (!labels) continue;
    const expanded = expandDynamicBlocks(contentBlocks[0]!.body, inner, o);
    diags.push(...expanded.diagnostics);
    out.push({
      kind: 'block',
      type,
      typeRange: block.labelRanges[0]!,
      labels,
      labelRanges: labels.map(() => block.labelRanges[0]!),
      body: bindBody(expanded.body, bindings),
      range: block.range,
      openBraceRange: block.openBraceRange,
    });
  }
  return out;
}

function dynamicLabels(expr: Expression | undefined, scope: Scope, diags: Diagnostic[], o: ExpandOptions): string[] | undefined {
  if (!expr) return [];
  const r = evaluate(expr, scope);
  diags.push(...r.diagnostics);
  if (r.diagnostics.length > 0) return undefined;
  try {
    const list = convert(r.value, T.list(T.string));
    if (!list.isWhollyKnown && o.requireKnown) diags.push(unknownValueDiag('the labels of a dynamic block', o.where ?? 'this block', expr.range));
    if (!list.isWhollyKnown) return undefined;
    return list.elements().map((e) => e.asString());
  } catch (e) {
    if (!(e instanceof ConversionError)) throw e;
    diags.push(errorDiag('Invalid dynamic block labels', `The labels must be a list of strings: ${e.message}.`, expr.range));
    return undefined;
  }
}

/**
 * Expands HCL `dynamic "type" { for_each, iterator, labels, content {} }` blocks, here and in nested blocks, into the
 * blocks they stand for; inside each, the iterator (`<type>.key`, `<type>.value`) is bound. Bodies in JSON syntax
 * are returned as they are.
 */
export function expandDynamicBlocks(body: Body, scope: Scope, o: ExpandOptions = {}): { body: Body; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  if (body.json || !body.items.some((i) => i.kind === 'block')) return { body, diagnostics };
  const items: (Attribute | Block)[] = [];
  for (const item of body.items) {
    if (item.kind === 'attribute') items.push(item);
    else if (item.type === 'dynamic' && item.labels.length === 1) items.push(...expandOne(item, scope, diagnostics, o));
    else {
      const nested = expandDynamicBlocks(item.body, scope, o);
      diagnostics.push(...nested.diagnostics);
      items.push(nested.body === item.body ? item : { ...item, body: nested.body });
    }
  }
  return { body: { ...body, items }, diagnostics };
}
