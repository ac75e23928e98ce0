import type { BuilderPlugin } from '../src/plugin/plugins.js';
import { amazonEbsBuilder } from './amazon-ebs/index.js';
import { dockerBuilder } from './docker/index.js';
import { fileBuilder } from './file/index.js';
import { googlecomputeBuilder } from './googlecompute/index.js';
import { nullBuilder } from './null/index.js';

/** Builders by Packer type name. */
export const builders: Readonly<Record<string, BuilderPlugin>> = {
  null: nullBuilder,
  file: fileBuilder,
  docker: dockerBuilder,
  'amazon-ebs': amazonEbsBuilder,
  googlecompute: googlecomputeBuilder,
};
