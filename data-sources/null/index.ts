import type { DataSourcePlugin } from '../../src/plugin/plugins.js';
import { nullDataOutput, nullDataSchema, type NullDataConfig } from './config.js';

/** null: returns its input as its output; for trying data sources out and for tests, as in Packer. */
export const nullDataSource: DataSourcePlugin = {
  kind: 'data',
  type: 'null',
  schema: nullDataSchema,
  outputType: nullDataOutput,
  execute: async (raw) => ({ output: (raw as unknown as NullDataConfig).input }),
};
