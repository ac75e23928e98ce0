import { declareConfig, opt } from '../../src/plugin/config.js';

export const artificeConfig = declareConfig({
  files: opt.strings('The files (globs) that become the artifact.').required(),
});
