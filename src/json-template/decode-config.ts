// The legacy JSON front end of the plugin configuration decoder: unknown keys are errors at the key (with a
// "did you mean"), values are converted to the declared types with the weak typing Packer's decoder allows
// (a single value where a list is expected, "1"/"t"/"false"... for bools, numbers from strings).

import type { JsonObject, JsonValue } from '../hcl/ast.js';
import { errorDiag } from '../diag/diagnostic.js';
import { didYouMean } from '../diag/suggest.js';
import type { ConfigDeclaration, ValidateContext } from '../plugin/config.js';
import { decodeConfig, type DecodedConfig, type FrontEnd, type InputBody, type InputEntry } from '../plugin/decode-config.js';
import { FALSE_WORDS, TRUE_WORDS } from '../util/go-bool.js';
import { Value, type Type } from '../value/value.js';

/** A JSON value as a template value, shaped towards `type` where Packer's weak decoding would. */
export function jsonToValue(v: JsonValue, type: Type = { kind: 'dynamic' }): Value {
  const seq = type.kind === 'list' || type.kind === 'set';
  switch (v.kind) {
    case 'jstring':
      if (seq) return Value.tuple([jsonToValue(v, type.elem)]);
      if (type.kind === 'bool' && TRUE_WORDS.includes(v.value)) return Value.bool(true);
      if (type.kind === 'bool' && FALSE_WORDS.includes(v.value)) return Value.bool(false);
      // mapstructure's weak decoding: an empty string is false, or zero.
      if (type.kind === 'bool' && v.value === '') return Value.bool(false);
      if (type.kind === 'number' && v.value === '') return Value.number(0);
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

function objectInput(obj: JsonObject, where: string): InputBody {
  return { range: obj.range, entries: () => obj.props.map((p) => propEntry(p, where)) };
}

/** A key is an option or a block depending on the declaration: it offers both readings. */
function propEntry(p: JsonObject['props'][number], where: string): InputEntry {
  return {
    name: p.name,
    nameRange: p.nameRange,
    range: p.value.range,
    value: (want) => jsonToValue(p.value, want),
    blocks: (report) => {
      const items = p.value.kind === 'jarray' ? p.value.items : [p.value];
      return items.flatMap((item) => {
        if (item.kind === 'jobject') return [objectInput(item, `${p.name} block`)];
        report(errorDiag('Invalid block', `"${p.name}" in ${where} must be an object or a list of objects.`, item.range));
        return [];
      });
    },
  };
}

/** Packer's wording for JSON templates (mapstructure's "unknown configuration key"); later keys replace earlier ones. */
const JSON_FRONT_END: FrontEnd = {
  structureFirst: false,
  unknown: (e, names, where) => errorDiag('Unknown configuration key', `unknown configuration key: '"${e.name}"' in ${where}.${didYouMean(e.name, [...names.options, ...names.blocks])}`, e.nameRange),
  mistyped: (e, error, where) => errorDiag('Incorrect attribute value type', `Inappropriate value for attribute "${e.name}" in ${where}: ${error}.`, e.range),
  repeated: () => undefined,
};

/**
 * Decodes configuration objects (a plugin's object, then overrides whose keys replace earlier ones) against
 * the declaration. `reserved` keys belong to the template language and are skipped. All problems are reported.
 */
export function decodeJsonConfig(objects: JsonObject[], reserved: string[], decl: ConfigDeclaration, where: string, context: ValidateContext): DecodedConfig {
  return decodeConfig(decl, objects.map((o) => objectInput(o, where)), JSON_FRONT_END, { where, reserved, context });
}
