import type { Attribute, Block, Body, Range } from '../hcl/ast.js';
import { resolveJsonBody, type BodySchema } from '../hcl/json-body.js';
import { formatRange } from '../hcl/position.js';
import { errorDiag, type Diagnostic } from '../diag/diagnostic.js';
import { didYouMean } from '../diag/suggest.js';

export interface BlockSchema {
  /** Names of the labels, for messages (`["type", "name"]` for `source`). */
  labels: string[];
}

export interface Schema {
  /** Allowed attribute names (with `required`), or 'any' to allow every attribute. */
  attributes: Record<string, { required?: boolean }> | 'any';
  blocks: Record<string, BlockSchema>;
}

export interface BodyContent {
  attributes: Map<string, Attribute>;
  blocks: Block[];
  diagnostics: Diagnostic[];
}

function toJsonSchema(schema: Schema): BodySchema {
  const blocks: NonNullable<BodySchema['blocks']> = {};
  for (const [name, b] of Object.entries(schema.blocks)) blocks[name] = { labels: b.labels.length, body: 'dynamic' };
  return { blocks };
}

/** "Unsupported argument", with a hint when the name is a block's or close to an argument's. */
export function unsupportedArgument(name: string, at: Range, attributes: readonly string[], blocks: readonly string[]): Diagnostic {
  const hint = blocks.includes(name) ? ` Did you mean to define a block of type "${name}"?` : didYouMean(name, attributes);
  return errorDiag('Unsupported argument', `An argument named "${name}" is not expected here.${hint}`, at);
}

/** "Unsupported block type", with a hint when the name is an argument's or close to a block's. */
export function unsupportedBlock(type: string, at: Range, attributes: readonly string[], blocks: readonly string[]): Diagnostic {
  const hint = attributes.includes(type)
    ? ` Did you mean to define argument "${type}"? If so, use the equals sign to assign it a value.`
    : didYouMean(type, blocks);
  return errorDiag('Unsupported block type', `Blocks of type "${type}" are not expected here.${hint}`, at);
}

export function duplicateArgument(name: string, previous: Range, at: Range): Diagnostic {
  return errorDiag('Duplicate argument', `The argument "${name}" was already set at ${formatRange(previous)}. Each argument may be set only once.`, at);
}

/** A block with fewer or more labels than its schema names, or undefined. */
export function labelProblem(item: Block, labels: readonly string[]): Diagnostic | undefined {
  if (item.labels.length < labels.length) {
    const missing = labels[item.labels.length]!;
    return errorDiag(`Missing ${missing} for ${item.type}`, `All ${item.type} blocks must have ${labels.length} labels (${labels.join(', ')}).`, item.openBraceRange);
  }
  if (item.labels.length > labels.length) {
    const extra = item.labelRanges[labels.length]!;
    const detail = labels.length === 0
      ? `No labels are expected for ${item.type} blocks.`
      : `Only ${labels.length} labels (${labels.join(', ')}) are expected for ${item.type} blocks.`;
    return errorDiag(`Extraneous label for ${item.type}`, detail, extra);
  }
  return undefined;
}

/**
 * Splits a body into attributes and blocks according to a schema, reporting what the schema does not allow,
 * duplicate and missing arguments, and blocks with the wrong number of labels. All problems are reported.
 */
export function decodeBody(body: Body, schema: Schema, where?: string): BodyContent {
  const diagnostics: Diagnostic[] = [];
  let items = body.items;
  if (body.json) {
    const resolved = resolveJsonBody(body, toJsonSchema(schema));
    diagnostics.push(...resolved.diagnostics);
    items = resolved.body.items;
  }
  const attributes = new Map<string, Attribute>();
  const blocks: Block[] = [];
  const attrNames = schema.attributes === 'any' ? [] : Object.keys(schema.attributes);
  const blockNames = Object.keys(schema.blocks);
  for (const item of items) {
    if (item.kind === 'attribute') {
      if (schema.attributes !== 'any' && !Object.hasOwn(schema.attributes, item.name)) {
        diagnostics.push(unsupportedArgument(item.name, item.nameRange, attrNames, blockNames));
        continue;
      }
      const prev = attributes.get(item.name);
      if (prev) {
        diagnostics.push(duplicateArgument(item.name, prev.nameRange, item.nameRange));
        continue;
      }
      attributes.set(item.name, item);
      continue;
    }
    const bs = Object.hasOwn(schema.blocks, item.type) ? schema.blocks[item.type] : undefined;
    if (!bs) {
      diagnostics.push(unsupportedBlock(item.type, item.typeRange, attrNames, blockNames));
      continue;
    }
    const problem = labelProblem(item, bs.labels);
    if (problem) {
      diagnostics.push(problem);
      continue;
    }
    blocks.push(item);
  }
  if (schema.attributes !== 'any') {
    for (const [name, a] of Object.entries(schema.attributes)) {
      if (a.required && !attributes.has(name)) {
        const at = where ? ` in ${where}` : '';
        diagnostics.push(errorDiag('Missing required argument', `The argument "${name}" is required${at}, but no definition was found.`, body.range));
      }
    }
  }
  return { attributes, blocks, diagnostics };
}
