import { declareConfig, type ConfigOf } from '../../src/plugin/config.js';
import { awsAccessOptions, checkAwsAccess } from '../../src/providers/aws/access-config.js';
import { amiFilterOptions, checkAmiFilter } from '../../src/providers/aws/ami-filter.js';
import { T } from '../../src/value/value.js';

const amazonAmiOptions = { ...awsAccessOptions, ...amiFilterOptions };

export type AmazonAmiConfig = ConfigOf<typeof amazonAmiOptions>;

/** Packer's amazon-ami: the AWS access options and the AMI filter options, with Packer's checks of both. */
export const amazonAmiConfig = declareConfig(amazonAmiOptions, (c) => [...checkAwsAccess(c), ...checkAmiFilter(c)]);

/**
 * The output, as Packer documents it (id, name, creation_date, owner, owner_name, tags); tsbuild adds
 * root_device_type, virtualization_type and architecture, which templates otherwise repeat as filters.
 */
export const amazonAmiOutput = T.object({
  id: T.string,
  name: T.string,
  creation_date: T.string,
  owner: T.string,
  owner_name: T.string,
  tags: T.map(T.string),
  root_device_type: T.string,
  virtualization_type: T.string,
  architecture: T.string,
});
