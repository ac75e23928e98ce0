import type { BuilderPlugin } from '../../src/plugin/plugins.js';
import { amazonEbsConfig } from './config.js';

/**
 * amazon-ebs: launches an instance from a source AMI, provisions it over SSH, stops it and makes an AMI of it,
 * copied to ami_regions, as Packer's amazon plugin does. The AWS SDK loads only when a template uses it.
 */
export const amazonEbsBuilder: BuilderPlugin<typeof amazonEbsConfig> = {
  kind: 'builder',
  type: 'amazon-ebs',
  config: amazonEbsConfig,
  generated: ['SourceAMI', 'SourceAMIName', 'SourceAMICreationDate', 'SourceAMIOwner', 'SourceAMIOwnerName', 'BuildRegion'],
  create: async (config) => {
    const { runAmazonEbs } = await import('./run.js');
    return { run: (ctx, provision) => runAmazonEbs(config, ctx, provision) };
  },
};
