import type { PostProcessorPlugin } from '../src/engine/types.js';
import { artificePostProcessor } from './artifice/index.js';
import { manifestPostProcessor } from './manifest/index.js';
import { shellLocalPostProcessor } from './shell-local/index.js';

/** Post-processors by Packer type name. */
export const postProcessors: Readonly<Record<string, PostProcessorPlugin>> = {
  manifest: manifestPostProcessor,
  artifice: artificePostProcessor,
  'shell-local': shellLocalPostProcessor,
};
