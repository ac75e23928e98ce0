// Decides, against a schema, which properties of a JSON body are blocks and which are attributes,
// following the HCL JSON specification: block labels are nested object keys, arrays of objects give
// repeated blocks (at any level), and every other property is an attribute whose value is turned into
// an expression (strings are templates, with positions mapped into the JSON file).

import type { Diagnostic } from '../diag/diagnostic.js';
import type { Attribute, Block, Body, Expression, JsonObject, JsonValue, Range } from './ast.js';
import { jsonStringPositioner, decodeJsonString } from './json-string.js';
import { parseHCLTemplate } from './parser.js';

export interface BodySchema {
  /** Block types with their number of labels and, optionally, the schema of their bodies. */
  blocks?: Record<string, { labels: number; body?: BodySchema | 'dynamic' }>;
}

type BlockSpec = NonNullable<BodySchema['blocks']>[string];

/**
 * Resolves a body read from JSON into attributes and blocks. Block bodies keep their JSON (`json` set)
 * so they can be resolved again with their own schema; when the block's schema gives a body schema,
 * they are also resolved now. Bodies not from JSON are returned as they are.
 */
export function resolveJsonBody(body: Body, schema: BodySchema): { body: Body; diagnostics: Diagnostic[] } {
  if (!body.json) return { body, diagnostics: [] };
  const diags: Diagnostic[] = [];
  const items: (Attribute | Block)[] = [];
  for (const prop of body.json.props) {
    if (prop.name === '//') continue;
    const spec = schema.blocks && Object.hasOwn(schema.blocks, prop.name) ? schema.blocks[prop.name]! : undefined;
    if (spec) {
      collectBlocks(prop.name, prop.nameRange, prop.value, spec, spec.labels, [], [], items, diags);
    } else {
      const expr = jsonToExpression(prop.value, diags);
      items.push({ kind: 'attribute', name: prop.name, nameRange: prop.nameRange, expr, range: between(prop.nameRange, prop.value.range) });
    }
  }
  return { body: { kind: 'body', items, range: body.range, json: body.json }, diagnostics: diags };
}

function between(a: Range, b: Range): Range {
  return { filename: a.filename, start: a.start, end: b.end };
}

function collectBlocks(
  type: string,
  typeRange: Range,
  value: JsonValue,
  spec: BlockSpec,
  labelsLeft: number,
  labels: string[],
  labelRanges: Range[],
  out: (Attribute | Block)[],
  diags: Diagnostic[],
): void {
  if (value.kind === 'jarray') {
    for (const item of value.items) collectBlocks(type, typeRange, item, spec, labelsLeft, labels, labelRanges, out, diags);
    return;
  }
  if (value.kind !== 'jobject') {
    diags.push({
      severity: 'error',
      summary: 'Incorrect JSON value type',
      detail: labelsLeft > 0
        ? `A JSON object is required here, whose property names are the labels of "${type}" blocks.`
        : `Either a JSON object or a JSON array of objects is required, representing the contents of one or more "${type}" blocks.`,
      range: value.range,
    });
    return;
  }
  if (labelsLeft > 0) {
    const props = value.props.filter((p) => p.name !== '//');
    if (props.length === 0) {
      diags.push({
        severity: 'error',
        summary: 'Missing block label',
        detail: `At least one object property is required, whose name represents a label of the "${type}" block.`,
        range: value.range,
      });
    }
    for (const p of props) {
      collectBlocks(type, typeRange, p.value, spec, labelsLeft - 1, [...labels, p.name], [...labelRanges, p.nameRange], out, diags);
    }
    return;
  }
  let body: Body = { kind: 'body', items: [], range: value.range, json: value };
  if (spec.body && spec.body !== 'dynamic') {
    const resolved = resolveJsonBody(body, spec.body);
    body = resolved.body;
    diags.push(...resolved.diagnostics);
  }
  const open = value.range.start;
  out.push({
    kind: 'block',
    type,
    typeRange,
    labels,
    labelRanges,
    body,
    range: between(typeRange, value.range),
    openBraceRange: { filename: typeRange.filename, start: open, end: { line: open.line, column: open.column + 1, offset: open.offset + 1 } },
  });
}

/** The expression a JSON value stands for in attribute position. */
export function jsonToExpression(value: JsonValue, diags: Diagnostic[]): Expression {
  switch (value.kind) {
    case 'jstring':
      return jsonTemplate(value.value, value.raw, value.range, diags);
    case 'jnumber':
      return { kind: 'literal', value: value.value, raw: value.raw, range: value.range };
    case 'jbool':
      return { kind: 'literal', value: value.value, range: value.range };
    case 'jnull':
      return { kind: 'literal', value: null, range: value.range };
    case 'jarray':
      return { kind: 'tuple', items: value.items.map((v) => jsonToExpression(v, diags)), range: value.range };
    case 'jobject':
      return jsonObjectExpression(value, diags);
  }
}

function jsonObjectExpression(value: JsonObject, diags: Diagnostic[]): Expression {
  return {
    kind: 'object',
    items: value.props.map((p) => ({
      key: jsonTemplate(p.name, p.nameRaw, p.nameRange, diags),
      value: jsonToExpression(p.value, diags),
      sep: ':' as const,
    })),
    range: value.range,
  };
}

/** A JSON string read as a template, its parts located in the JSON file. */
function jsonTemplate(text: string, raw: string | undefined, range: Range, diags: Diagnostic[]): Expression {
  if (!text.includes('${') && !text.includes('%{')) {
    return { kind: 'template', parts: [{ kind: 'tliteral', value: text, range }], range };
  }
  const source = raw ?? JSON.stringify(text);
  const { offsets } = decodeJsonString(source);
  const positioner = jsonStringPositioner(range.filename, range.start, source, offsets);
  const parsed = parseHCLTemplate(text, range.filename, positioner);
  diags.push(...parsed.diagnostics);
  return { ...parsed.expr, range };
}
