import type { Attribute, Block, Body } from '../hcl/ast.js';
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
        const hint = Object.hasOwn(schema.blocks, item.name)
          ? ` Did you mean to define a block of type "${item.name}"?`
          : didYouMean(item.name, attrNames);
        diagnostics.push(errorDiag('Unsupported argument', `An argument named "${item.name}" is not expected here.${hint}`, item.nameRange));
        continue;
      }
      const prev = attributes.get(item.name);
      if (prev) {
        diagnostics.push(
          errorDiag('Duplicate argument', `The argument "${item.name}" was already set at ${formatRange(prev.nameRange)}. Each argument may be set only once.`, item.nameRange),
        );
        continue;
      }
      attributes.set(item.name, item);
      continue;
    }
    const bs = Object.hasOwn(schema.blocks, item.type) ? schema.blocks[item.type] : undefined;
    if (!bs) {
      const hint = schema.attributes !== 'any' && Object.hasOwn(schema.attributes, item.type)
        ? ` Did you mean to define argument "${item.type}"? If so, use the equals sign to assign it a value.`
        : didYouMean(item.type, blockNames);
      diagnostics.push(errorDiag('Unsupported block type', `Blocks of type "${item.type}" are not expected here.${hint}`, item.typeRange));
      continue;
    }
    if (item.labels.length < bs.labels.length) {
      const missing = bs.labels[item.labels.length]!;
      diagnostics.push(
        errorDiag(
          `Missing ${missing} for ${item.type}`,
          `All ${item.type} blocks must have ${bs.labels.length} labels (${bs.labels.join(', ')}).`,
          item.openBraceRange,
        ),
      );
      continue;
    }
    if (item.labels.length > bs.labels.length) {
      const extra = item.labelRanges[bs.labels.length]!;
      const detail = bs.labels.length === 0
        ? `No labels are expected for ${item.type} blocks.`
        : `Only ${bs.labels.length} labels (${bs.labels.join(', ')}) are expected for ${item.type} blocks.`;
      diagnostics.push(errorDiag(`Extraneous label for ${item.type}`, detail, extra));
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
