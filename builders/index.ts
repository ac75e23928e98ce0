import type { BuilderPlugin } from '../src/plugin/plugins.js';
import { amazonEbsBuilder } from './amazon-ebs/index.js';
import { azureArmBuilder } from './azure-arm/index.js';
import { dockerBuilder } from './docker/index.js';
import { fileBuilder } from './file/index.js';
import { googlecomputeBuilder } from './googlecompute/index.js';
import { nullBuilder } from './null/index.js';
import { qemuBuilder } from './qemu/index.js';
import { vmwareIsoBuilder } from './vmware-iso/index.js';

/** Builders by Packer type name. */
export const builders: Readonly<Record<string, BuilderPlugin>> = {
  null: nullBuilder,
  file: fileBuilder,
  docker: dockerBuilder,
  'amazon-ebs': amazonEbsBuilder,
  qemu: qemuBuilder,
  'vmware-iso': vmwareIsoBuilder,
  'azure-arm': azureArmBuilder,
  googlecompute: googlecomputeBuilder,
};
