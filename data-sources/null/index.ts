import type { DataSourcePlugin } from '../../src/plugin/plugins.js';
import { nullDataConfig, nullDataOutput } from './config.js';

/** null: returns its input as its output; for trying data sources out and for tests, as in Packer. */
export const nullDataSource: DataSourcePlugin<typeof nullDataConfig> = {
  kind: 'data',
  type: 'null',
  config: nullDataConfig,
  outputType: nullDataOutput,
  execute: async (c) => ({ output: c.input }),
};
