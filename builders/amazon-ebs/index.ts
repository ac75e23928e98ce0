import { UsageError } from '../../src/plugin/errors.js';
import type { BuilderPlugin } from '../../src/plugin/plugins.js';
import { amazonEbsConfig } from './config.js';

/** The message of a build of amazon-ebs: its configuration is checked, its run is not there yet. */
export const AMAZON_EBS_RUN_MISSING =
  "the amazon-ebs builder's run is not available yet: tsbuild checks its configuration (tsbuild validate) but does not build AMIs; nothing was created";

/**
 * amazon-ebs: Packer's options, defaults and checks, so that `tsbuild validate` reports what Packer would. A build
 * stops before anything is created, with a message that says the run is missing, rather than doing part of it.
 */
export const amazonEbsBuilder: BuilderPlugin<typeof amazonEbsConfig> = {
  kind: 'builder',
  type: 'amazon-ebs',
  config: amazonEbsConfig,
  generated: ['SourceAMI', 'SourceAMIName', 'SourceAMICreationDate', 'SourceAMIOwner', 'SourceAMIOwnerName', 'BuildRegion'],
  create: async () => {
    throw new UsageError(AMAZON_EBS_RUN_MISSING);
  },
};
