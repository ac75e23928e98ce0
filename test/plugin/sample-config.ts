import { block, blocks, declareConfig, opt } from '../../src/plugin/config.js';

/** A slice of amazon-ebs: the shapes a large builder needs. */
export const ebs = declareConfig(
  {
    region: opt.string('The region to build in.').required(),
    instance_type: opt.string('The EC2 instance type of the build instance.').default('t3.micro'),
    ami_name: opt.string('The name of the AMI.').defaultIfEmpty('packer-ami'),
    encrypt_boot: opt.bool('Encrypt the boot volume of the AMI.'),
    ami_regions: opt.strings('Regions to copy the AMI to.'),
    max_retries: opt.number('How many times to retry a throttled call.').default(3),
    tags: opt.stringMap('Tags of the AMI.'),
    secret_key: opt.string('The AWS secret key.').sensitive(),
    source_ami_filter: block('Finds the source AMI.', {
      filters: opt.stringMap('DescribeImages filters.'),
      owners: opt.strings('Owners of the image.').required(),
      most_recent: opt.bool('Takes the newest image when several match.').default(false),
    }),
    launch_block_device_mappings: blocks('Volumes of the build instance.', {
      device_name: opt.string('The device name (/dev/sda1).').required(),
      volume_size: opt.number('The size in GiB.'),
      delete_on_termination: opt.bool('Deletes the volume with the instance.').default(true),
    }),
  },
  (c) => (c.encrypt_boot && !c.tags ? [{ message: 'encrypted AMIs need tags here', attribute: 'encrypt_boot' }] : []),
);

