// A plugin's JSON configuration as an HCL2 body. Where tsbuild has the plugin, its declaration says which keys are
// nested blocks; otherwise Packer's guess applies: an object holding objects or arrays is a block, an array of
// objects is a repeated block, anything else an attribute.

import { declaredOption, type ConfigDeclaration } from '../plugin/config.js';
import type { JsonObject, JsonValue } from '../hcl/ast.js';
import { FALSE_WORDS, TRUE_WORDS } from '../util/go-bool.js';
import type { Type } from '../value/value.js';
import { isIdentifier, objectKey } from './hcl-syntax.js';

export type Prop = JsonObject['props'][number];

/** Translates one string into the inside of an HCL quoted template. */
export type StringTranslator = (text: string) => string;

/** Keys Packer always writes as blocks. */
const ALWAYS_BLOCKS = ['linux_options', 'network_interface', 'shared_image_gallery'];

const byName = (a: Prop, b: Prop) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

/** An HCL expression for a JSON value; objects span lines, indented from `indent`. */
export function renderValue(v: JsonValue, tr: StringTranslator, indent = ''): string {
  switch (v.kind) {
    case 'jstring':
      return `"${tr(v.value)}"`;
    case 'jnumber':
      return v.raw;
    case 'jbool':
      return String(v.value);
    case 'jnull':
      return 'null';
    case 'jarray':
      return `[${v.items.map((i) => renderValue(i, tr, indent)).join(', ')}]`;
    case 'jobject':
      if (v.props.length === 0) return '{}';
      return `{\n${[...v.props].sort(byName).map((p) => `${indent}  ${objectKey(p.name)} = ${renderValue(p.value, tr, indent + '  ')}`).join('\n')}\n${indent}}`;
  }
}

/**
 * Spells out the weak typing Packer's JSON decoding allows, which HCL2 does not: a single value where a list is
 * expected becomes a one-element list, "true"/"0"/... and numbers where a bool is expected become bools.
 */
export function shapeValue(v: JsonValue, type: Type): JsonValue {
  if ((type.kind === 'list' || type.kind === 'set') && v.kind !== 'jarray' && v.kind !== 'jnull') {
    return { kind: 'jarray', items: [shapeValue(v, type.elem)], range: v.range };
  }
  if (type.kind === 'bool' && v.kind === 'jnumber') return { kind: 'jbool', value: v.value !== 0, range: v.range };
  if (type.kind === 'bool' && v.kind === 'jstring' && (TRUE_WORDS.includes(v.value) || FALSE_WORDS.includes(v.value))) {
    return { kind: 'jbool', value: TRUE_WORDS.includes(v.value), range: v.range };
  }
  if (v.kind === 'jarray' && (type.kind === 'list' || type.kind === 'set')) return { ...v, items: v.items.map((i) => shapeValue(i, type.elem)) };
  if (v.kind === 'jobject' && (type.kind === 'map' || type.kind === 'object')) {
    const attr = (k: string): Type => (type.kind === 'map' ? type.elem : (type.attrs[k] ?? { kind: 'dynamic' }));
    return { ...v, props: v.props.map((p) => ({ ...p, value: shapeValue(p.value, attr(p.name)) })) };
  }
  return v;
}

const isComplex = (v: JsonValue) => v.kind === 'jobject' || v.kind === 'jarray';

/** How a key is written: as an attribute, one block per object, or (Packer's choice for empty lists) not at all. */
function layoutOf(p: Prop, decl: ConfigDeclaration | undefined): { blocks: JsonObject[]; nested?: ConfigDeclaration } | 'attribute' | 'skip' {
  const v = p.value;
  if (decl) {
    const d = declaredOption(decl, p.name);
    if (d?.kind !== 'block') return 'attribute';
    const nested = d.declaration;
    if (v.kind === 'jobject') return { blocks: [v], nested };
    if (v.kind === 'jarray' && v.items.every((i) => i.kind === 'jobject')) return { blocks: v.items as JsonObject[], nested };
    return 'attribute';
  }
  if (v.kind === 'jobject') return ALWAYS_BLOCKS.includes(p.name) || v.props.length === 0 || v.props.some((q) => isComplex(q.value)) ? { blocks: [v] } : 'attribute';
  if (v.kind === 'jarray') {
    if (v.items.length === 0) return 'skip';
    if (v.items.some((i) => i.kind === 'jobject') && v.items.every((i) => i.kind === 'jobject')) return { blocks: v.items as JsonObject[] };
  }
  return 'attribute';
}

/**
 * The lines of a body holding `props` (sorted by name, as Packer writes them), indented by `indent`.
 * Keys that cannot be HCL2 argument names are left out and reported in `notes`; `attributes` are never blocks.
 */
export function renderBody(
  props: readonly Prop[],
  decl: ConfigDeclaration | undefined,
  tr: StringTranslator,
  indent: string,
  notes: string[],
  attributes: readonly string[] = [],
): string[] {
  const lines: string[] = [];
  for (const p of [...props].sort(byName)) {
    if (!isIdentifier(p.name)) {
      notes.push(`"${p.name}" is not a valid HCL2 argument name: it was left out`);
      continue;
    }
    const layout = attributes.includes(p.name) ? 'attribute' : layoutOf(p, decl);
    if (layout === 'skip') continue;
    if (layout === 'attribute') {
      const d = decl && declaredOption(decl, p.name);
      const type = d?.kind === 'option' ? d.spec.type : undefined;
      lines.push(`${indent}${p.name} = ${renderValue(type ? shapeValue(p.value, type) : p.value, tr, indent)}`);
      continue;
    }
    for (const block of layout.blocks) {
      lines.push(`${indent}${p.name} {`, ...renderBody(block.props, layout.nested, tr, indent + '  ', notes), `${indent}}`);
    }
  }
  return lines;
}
