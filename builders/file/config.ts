import type { ConfigSchema } from '../../src/plugin/config-schema.js';
import { T } from '../../src/value/value.js';

export interface FileConfig {
  source?: string;
  content?: string;
  target: string;
}

export const fileSchema: ConfigSchema = {
  attributes: {
    source: { type: T.string },
    content: { type: T.string },
    target: { type: T.string, required: true },
  },
  validate: (c) => (c.source && c.content ? [{ message: 'Cannot specify source file AND content', attribute: 'content' }] : []),
};
