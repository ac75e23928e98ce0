import type { ConfigSchema } from '../../src/plugin/config-schema.js';
import { T } from '../../src/value/value.js';

export interface NullDataConfig {
  input: string;
}

/** Packer's null data source: `input` (required, not empty) comes back as `output`. */
export const nullDataSchema: ConfigSchema = {
  attributes: { input: { type: T.string, required: true } },
  validate: (c) => (c.input === '' ? [{ message: 'The `input` must be specified', attribute: 'input' }] : []),
};

export const nullDataOutput = T.object({ output: T.string });
