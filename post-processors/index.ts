import type { PostProcessorPlugin } from '../src/plugin/plugins.js';
import { artificePostProcessor } from './artifice/index.js';
import { checksumPostProcessor } from './checksum/index.js';
import { compressPostProcessor } from './compress/index.js';
import { dockerImportPostProcessor } from './docker-import/index.js';
import { dockerPushPostProcessor } from './docker-push/index.js';
import { dockerSavePostProcessor } from './docker-save/index.js';
import { dockerTagPostProcessor } from './docker-tag/index.js';
import { manifestPostProcessor } from './manifest/index.js';
import { shellLocalPostProcessor } from './shell-local/index.js';

/** Post-processors by Packer type name. */
export const postProcessors: Readonly<Record<string, PostProcessorPlugin>> = {
  manifest: manifestPostProcessor,
  artifice: artificePostProcessor,
  'shell-local': shellLocalPostProcessor,
  checksum: checksumPostProcessor,
  compress: compressPostProcessor,
  'docker-tag': dockerTagPostProcessor,
  'docker-save': dockerSavePostProcessor,
  'docker-import': dockerImportPostProcessor,
  'docker-push': dockerPushPostProcessor,
};
