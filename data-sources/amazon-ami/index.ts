import type { DataSourcePlugin } from '../../src/plugin/plugins.js';
import { loadAws } from '../../src/providers/aws/load.js';
import { amazonAmiConfig, amazonAmiOutput } from './config.js';

/**
 * amazon-ami: the one AMI that matches filters and owners (the newest with most_recent), as Packer's amazon
 * plugin finds it. The AWS SDK loads only when a template uses this data source.
 */
export const amazonAmiDataSource: DataSourcePlugin<typeof amazonAmiConfig> = {
  kind: 'data',
  type: 'amazon-ami',
  config: amazonAmiConfig,
  outputType: amazonAmiOutput,
  execute: async (c, ctx) => {
    const aws = await loadAws();
    const { ec2 } = await aws.openEc2(c, ctx.env, ctx.signal);
    try {
      const image = await aws.findImage(ec2, c, ctx.signal);
      return {
        id: image.ImageId ?? '',
        name: image.Name ?? '',
        creation_date: image.CreationDate ?? '',
        owner: image.OwnerId ?? '',
        owner_name: image.ImageOwnerAlias ?? '',
        tags: Object.fromEntries((image.Tags ?? []).map((t) => [t.Key ?? '', t.Value ?? ''])),
        root_device_type: image.RootDeviceType ?? '',
        virtualization_type: image.VirtualizationType ?? '',
        architecture: image.Architecture ?? '',
      };
    } finally {
      ec2.destroy();
    }
  },
};
