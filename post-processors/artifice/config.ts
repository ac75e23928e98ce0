import type { ConfigSchema } from '../../src/plugin/config-schema.js';
import { T } from '../../src/value/value.js';

export interface ArtificeConfig {
  files: string[];
}

export const artificeSchema: ConfigSchema = {
  attributes: { files: { type: T.list(T.string), required: true } },
};
