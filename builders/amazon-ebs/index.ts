import { UsageError } from '../../src/plugin/errors.js';
import type { BuilderPlugin } from '../../src/plugin/plugins.js';
import { isSpot } from '../../src/providers/aws/run-options.js';
import { amazonEbsConfig } from './config.js';

/** Spot builds are checked but not run yet: refused before anything is created. */
export const SPOT_MISSING =
  'spot instances (spot_price, spot_instance_types) are not available in tsbuild yet: remove spot_price to build on an on-demand instance; nothing was created';

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
    if (isSpot(config)) throw new UsageError(SPOT_MISSING);
    const { runAmazonEbs } = await import('./run.js');
    return { run: (ctx, provision) => runAmazonEbs(config, ctx, provision) };
  },
};
