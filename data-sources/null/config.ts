import { declareConfig, opt } from '../../src/plugin/config.js';
import { T } from '../../src/value/value.js';

/** Packer's null data source: `input` (required, not empty) comes back as `output`. */
export const nullDataConfig = declareConfig(
  { input: opt.string('The value the data source gives back as `output`.').required() },
  (c) => (c.input === '' ? [{ message: 'The `input` must be specified', attribute: 'input' }] : []),
);

export const nullDataOutput = T.object({ output: T.string });
