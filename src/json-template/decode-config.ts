// Decodes a plugin's JSON configuration against its ConfigSchema: unknown keys are errors at the key (with a
// "did you mean"), values are converted to the declared types with the weak typing Packer's decoder allows
// (a single value where a list is expected, "1"/"t"/"false"... for bools, numbers from strings).

import type { JsonObject, JsonValue, Range } from '../hcl/ast.js';
import { errorDiag, type Diagnostic } from '../diag/diagnostic.js';
import { didYouMean } from '../diag/suggest.js';
import type { ConfigSchema, PluginConfig } from '../plugin/config-schema.js';
import { toPlain } from '../template/plugin-config.js';
import { convert, ConversionError } from '../value/convert.js';
import { Value, type Type } from '../value/value.js';

const TRUE_WORDS = ['1', 't', 'T', 'TRUE', 'true', 'True'];
const FALSE_WORDS = ['0', 'f', 'F', 'FALSE', 'false', 'False'];

/** A JSON value as a template value, shaped towards `type` where Packer's weak decoding would. */
export function jsonToValue(v: JsonValue, type: Type = { kind: 'dynamic' }): Value {
  const seq = type.kind === 'list' || type.kind === 'set';
  switch (v.kind) {
    case 'jstring':
      if (seq) return Value.tuple([jsonToValue(v, type.elem)]);
      if (type.kind === 'bool' && TRUE_WORDS.includes(v.value)) return Value.bool(true);
      if (type.kind === 'bool' && FALSE_WORDS.includes(v.value)) return Value.bool(false);
      return Value.string(v.value);
    case 'jnumber':
      if (seq) return Value.tuple([jsonToValue(v, type.elem)]);
      if (type.kind === 'bool') return Value.bool(v.value !== 0);
      return Value.number(v.value);
    case 'jbool':
      if (seq) return Value.tuple([jsonToValue(v, type.elem)]);
      return Value.bool(v.value);
    case 'jnull':
      return Value.null();
    case 'jarray': {
      const elemType = (i: number): Type => (seq ? type.elem : type.kind === 'tuple' ? (type.elems[i] ?? { kind: 'dynamic' }) : { kind: 'dynamic' });
      return Value.tuple(v.items.map((item, i) => jsonToValue(item, elemType(i))));
    }
    case 'jobject': {
      const attr = (k: string): Type => (type.kind === 'map' ? type.elem : type.kind === 'object' ? (type.attrs[k] ?? { kind: 'dynamic' }) : { kind: 'dynamic' });
      const value = Value.object(Object.fromEntries(v.props.map((p) => [p.name, jsonToValue(p.value, attr(p.name))])));
      return seq ? Value.tuple([value]) : value;
    }
  }
}

/**
 * Decodes configuration objects (a plugin's object, then overrides whose keys replace earlier ones) against
 * the schema. `reserved` keys belong to the template language and are skipped. All problems are reported.
 */
export function decodeJsonConfig(objects: JsonObject[], reserved: string[], schema: ConfigSchema, where: string): { config: PluginConfig; diagnostics: Diagnostic[] } {
  const diags: Diagnostic[] = [];
  const config: PluginConfig = {};
  const ranges = new Map<string, Range>();
  const known = [...Object.keys(schema.attributes), ...Object.keys(schema.blocks ?? {})];
  for (const obj of objects) {
    for (const p of obj.props) {
      if (reserved.includes(p.name)) continue;
      const attr = Object.hasOwn(schema.attributes, p.name) ? schema.attributes[p.name] : undefined;
      const block = schema.blocks && Object.hasOwn(schema.blocks, p.name) ? schema.blocks[p.name] : undefined;
      if (!attr && !block) {
        diags.push(errorDiag('Unknown configuration key', `unknown configuration key: '"${p.name}"' in ${where}.${didYouMean(p.name, known)}`, p.nameRange));
        continue;
      }
      ranges.set(p.name, p.value.range);
      if (block) {
        const items = p.value.kind === 'jarray' ? p.value.items : [p.value];
        const list: PluginConfig[] = [];
        for (const item of items) {
          if (item.kind !== 'jobject') {
            diags.push(errorDiag('Invalid block', `"${p.name}" in ${where} must be an object or a list of objects.`, item.range));
            continue;
          }
          const r = decodeJsonConfig([item], [], block, `${p.name} block`);
          diags.push(...r.diagnostics);
          list.push(r.config);
        }
        config[p.name] = list;
        continue;
      }
      try {
        config[p.name] = toPlain(convert(jsonToValue(p.value, attr!.type), attr!.type));
      } catch (e) {
        if (!(e instanceof ConversionError)) throw e;
        diags.push(errorDiag('Incorrect attribute value type', `Inappropriate value for attribute "${p.name}" in ${where}: ${e.message}.`, p.value.range));
      }
    }
  }
  const bodyRange = objects[0]?.range;
  for (const [name, a] of Object.entries(schema.attributes)) {
    if (a.required && !ranges.has(name)) {
      diags.push(errorDiag('Missing required argument', `The argument "${name}" is required in ${where}, but no definition was found.`, bodyRange));
    }
  }
  if (diags.length === 0 && schema.validate) {
    for (const p of schema.validate(config)) diags.push(errorDiag(`Invalid ${where}`, p.message, (p.attribute && ranges.get(p.attribute)) || bodyRange));
  }
  return { config, diagnostics: diags };
}
