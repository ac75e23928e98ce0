// The plain-data front end of the plugin configuration decoder: a configuration written as a JS object (by code
// that builds one, or a test), decoded with the same conversions, defaults and checks as a template's.

import { errorDiag } from '../diag/diagnostic.js';
import { didYouMean } from '../diag/suggest.js';
import { Value } from '../value/value.js';
import type { ConfigDeclaration, ConfigOf, Options, ValidateContext } from './config.js';
import { decodeConfig, type DecodedConfig, type FrontEnd, type InputBody } from './decode-config.js';

/** A JS value as a template value: arrays are tuples and objects are objects, converted to the declared types. */
function plainValue(v: unknown): Value {
  if (typeof v === 'string') return Value.string(v);
  if (typeof v === 'number') return Value.number(v);
  if (typeof v === 'boolean') return Value.bool(v);
  if (Array.isArray(v)) return Value.tuple(v.map(plainValue));
  if (v !== null && typeof v === 'object') return Value.object(Object.fromEntries(Object.entries(v).map(([k, x]) => [k, plainValue(x)])));
  return Value.null();
}

function plainBody(object: Readonly<Record<string, unknown>>): InputBody {
  return {
    entries: () =>
      Object.entries(object)
        .filter(([, v]) => v !== undefined)
        .map(([name, v]) => ({
          name,
          value: () => plainValue(v),
          blocks: () => (Array.isArray(v) ? v : [v]).map((item) => plainBody(item as Record<string, unknown>)),
        })),
  };
}

const PLAIN: FrontEnd = {
  structureFirst: false,
  unknown: (e, names, where) => errorDiag('Unknown option', `"${e.name}" is not an option of ${where}.${didYouMean(e.name, [...names.options, ...names.blocks])}`),
  mistyped: (e, error, where) => errorDiag('Incorrect option type', `Inappropriate value for "${e.name}" in ${where}: ${error}.`),
  repeated: () => undefined,
};

/** Decodes a plain object against a declaration. */
export function decodePlainConfig<O extends Options>(
  decl: ConfigDeclaration<O>,
  object: Readonly<Record<string, unknown>>,
  context: ValidateContext,
): Omit<DecodedConfig, 'config'> & { config: ConfigOf<O> } {
  const r = decodeConfig(decl, [plainBody(object)], PLAIN, { where: 'configuration', context });
  return { ...r, config: r.config as ConfigOf<O> };
}
