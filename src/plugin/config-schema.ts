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
