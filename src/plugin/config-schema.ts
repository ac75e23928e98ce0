import type { ConfigDeclaration, Options } from './config.js';
import type { Type } from '../value/value.js';

/** The shape of a plugin's configuration, checked before anything runs. */
export interface ConfigSchema {
  /** Argument name -> type (a type constraint; `dynamic` accepts anything). */
  attributes: Record<string, { type: Type; required?: boolean }>;
  /** Nested block name -> its schema; each block type decodes to an array of objects. */
  blocks?: Record<string, ConfigSchema>;
  /** Checks across fields ("exactly one of commit, discard, export_path"); returns messages (with the argument they concern). */
  validate?(config: PluginConfig): { message: string; attribute?: string }[];
}

/** A decoded configuration: plain JS values (string, number, boolean, null, arrays, objects), after conversion to the schema's types. */
export type PluginConfig = Record<string, unknown>;

/** The declaration an older schema stands for, while plugins move to declarations (`src/plugin/config.ts`). */
export function declarationOf(schema: ConfigSchema): ConfigDeclaration {
  const options: Record<string, Options[string]> = {};
  for (const [name, a] of Object.entries(schema.attributes)) {
    options[name] = { kind: 'option', spec: { type: a.type, description: '', required: a.required === true, sensitive: false } } as Options[string];
  }
  for (const [name, b] of Object.entries(schema.blocks ?? {})) {
    const nested = declarationOf(b);
    options[name] = { kind: 'block', description: '', repeated: true, declaration: nested };
  }
  return { options, validate: schema.validate && ((c) => schema.validate!(c)) };
}
