import type { Attribute, Body, Range } from '../hcl/ast.js';
import { errorDiag, type Diagnostic } from '../diag/diagnostic.js';
import { evaluate } from '../eval/evaluate.js';
import type { Scope } from '../eval/scope.js';
import type { ConfigSchema, PluginConfig } from '../plugin/config-schema.js';
import { convert, ConversionError } from '../value/convert.js';
import { typeName, type Value } from '../value/value.js';
import { decodeBody, type Schema } from './body.js';
import { expandDynamicBlocks } from './dynamic.js';
import { unknownValueDiag } from './unknown-value.js';

/** A value as plain JS data for plugins; unknown values become undefined. */
export function toPlain(v: Value): unknown {
  if (!v.known) return undefined;
  if (v.raw === null) return null;
  if (Array.isArray(v.raw)) return v.elements().map(toPlain);
  if (v.raw instanceof Map) return Object.fromEntries(v.entries().map(([k, x]) => [k, toPlain(x)]));
  return v.raw;
}

/** Attributes of a body in order, from one or more bodies (a source block and a build-level source block). */
export interface ConfigInput {
  bodies: Body[];
  /** Argument names the template language itself handles (`name`, `only`, `pause_before`...): skipped. */
  reserved: string[];
  /** Replaces attribute values by name (provisioner `override`), already evaluated. */
  overrides?: Map<string, Value>;
  /**
   * The configuration is for running the plugin: a value not known (a data source that did not run, `build.*`
   * data not yet there) is an error. Checks before running leave it out of the configuration instead.
   */
  requireKnown?: boolean;
}


function schemaFor(schema: ConfigSchema, reserved: string[]): Schema {
  const attributes: Schema['attributes'] = {};
  for (const [k, a] of Object.entries(schema.attributes)) attributes[k] = { required: a.required };
  for (const r of reserved) attributes[r] = {};
  const blocks: Schema['blocks'] = {};
  for (const k of Object.keys(schema.blocks ?? {})) blocks[k] = { labels: [] };
  return { attributes, blocks };
}

/**
 * Decodes a plugin's configuration from template bodies: checks every argument against the plugin's schema
 * ("Unsupported argument" with "Did you mean"), evaluates and converts each value to its declared type, checks
 * required arguments and the plugin's own cross-field rules. All problems are reported together.
 */
export function decodePluginConfig(input: ConfigInput, schema: ConfigSchema, scope: Scope, where: string): { config: PluginConfig; diagnostics: Diagnostic[] } {
  const diags: Diagnostic[] = [];
  const config: PluginConfig = {};
  const ranges = new Map<string, Range>();
  const seen = new Map<string, Attribute>();
  // Set when a value is known only at build time (`build.Host`...): cross-field checks then wait for it.
  let incomplete = false;
  const hcl = schemaFor(schema, input.reserved);
  // Required arguments are checked across all bodies, below.
  const perBody: Schema = { ...hcl, attributes: Object.fromEntries(Object.keys(hcl.attributes as object).map((k) => [k, {}])) };
  for (const written of input.bodies) {
    const expanded = expandDynamicBlocks(written, scope, { requireKnown: input.requireKnown, where });
    diags.push(...expanded.diagnostics);
    const body = expanded.body;
    const content = decodeBody(body, perBody, where);
    diags.push(...content.diagnostics);
    for (const [name, attr] of content.attributes) {
      if (input.reserved.includes(name)) continue;
      const prev = seen.get(name);
      if (prev) {
        diags.push(errorDiag(`Argument "${name}" redefined`, `"${name}" is already set by the source block at ${prev.nameRange.filename}:${prev.nameRange.start.line}; a build-level source block can add arguments, not change them.`, attr.nameRange));
        continue;
      }
      seen.set(name, attr);
      ranges.set(name, attr.expr.range);
      const want = schema.attributes[name]!.type;
      const r = evaluate(attr.expr, scope);
      diags.push(...r.diagnostics);
      if (r.diagnostics.length > 0) continue;
      const value = input.overrides?.get(name) ?? r.value;
      if (!value.isWhollyKnown && input.requireKnown) {
        diags.push(unknownValueDiag(`"${name}"`, where, attr.expr.range));
        continue;
      }
      if (!value.isWhollyKnown) incomplete = true;
      try {
        config[name] = toPlain(convert(value, want));
      } catch (e) {
        if (!(e instanceof ConversionError)) throw e;
        diags.push(errorDiag('Incorrect attribute value type', `Inappropriate value for attribute "${name}": ${e.message}.`, attr.expr.range));
      }
    }
    for (const block of content.blocks) {
      const sub = schema.blocks![block.type]!;
      const r = decodePluginConfig({ bodies: [block.body], reserved: [], requireKnown: input.requireKnown }, sub, scope, `${block.type} block`);
      diags.push(...r.diagnostics);
      const list = (config[block.type] as PluginConfig[] | undefined) ?? [];
      list.push(r.config);
      config[block.type] = list;
    }
  }
  for (const [name, value] of input.overrides ?? []) {
    if (seen.has(name) || input.reserved.includes(name)) continue;
    const a = schema.attributes[name];
    if (!a) continue;
    if (!value.isWhollyKnown && input.requireKnown) {
      diags.push(unknownValueDiag(`"${name}" (override)`, where, input.bodies[0]?.range));
      continue;
    }
    try {
      config[name] = toPlain(convert(value, a.type));
    } catch (e) {
      if (!(e instanceof ConversionError)) throw e;
      diags.push(errorDiag('Incorrect override value type', `Inappropriate value for "${name}" in override: ${e.message} (got ${typeName(value.type)}).`, input.bodies[0]?.range));
    }
  }
  const bodyRange = input.bodies[0]?.range;
  for (const [name, a] of Object.entries(schema.attributes)) {
    if (a.required && !seen.has(name) && !input.overrides?.has(name)) {
      diags.push(errorDiag('Missing required argument', `The argument "${name}" is required in ${where}, but no definition was found.`, bodyRange));
    }
  }
  if (diags.length === 0 && !incomplete && schema.validate) {
    for (const p of schema.validate(config)) {
      diags.push(errorDiag(`Invalid ${where}`, p.message, (p.attribute && ranges.get(p.attribute)) || bodyRange));
    }
  }
  return { config, diagnostics: diags };
}
