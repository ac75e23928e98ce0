import { declareConfig, opt, type ConfigOfDeclaration } from '../../src/plugin/config.js';

export const fileConfig = declareConfig(
  {
    source: opt.string('A file to copy to target.'),
    content: opt.string('The text to write to target (instead of source).'),
    target: opt.string('The file to write; it is the artifact.').required(),
  },
  (c) => (c.source && c.content ? [{ message: 'Cannot specify source file AND content', attribute: 'content' }] : []),
);

export type FileConfig = ConfigOfDeclaration<typeof fileConfig>;
