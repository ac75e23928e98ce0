import type { ConfigSchema } from '../../src/plugin/config-schema.js';
import { T } from '../../src/value/value.js';

export interface ManifestConfig {
  output?: string;
  strip_path?: boolean;
  strip_time?: boolean;
  custom_data?: Record<string, string>;
}

export const manifestSchema: ConfigSchema = {
  attributes: {
    output: { type: T.string },
    strip_path: { type: T.bool },
    strip_time: { type: T.bool },
    custom_data: { type: T.map(T.string) },
  },
};
