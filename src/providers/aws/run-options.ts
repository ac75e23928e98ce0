// The source instance options of the amazon builders (Packer's RunConfig): the source AMI, the instance, its
// network, spot requests and how it is reached, with Packer's checks and messages. metadata_options came after
// Packer 1.6.6: declared and checked as the current documentation has them.

import { statSync } from 'node:fs';
import { isIP } from 'node:net';
import { resolve } from 'node:path';
import { block, opt, type ConfigOf, type ConfigProblem, type ValidateContext } from '../../plugin/config.js';
import { amiFilterOptions } from './ami-filter.js';
import { blockDevices } from './block-device.js';
import { mergedTags, tagBlocks } from './tag-blocks.js';

const filterOption = opt.stringMap('DescribeX filters, name = value; the lookup must find exactly one.');

export const runOptions = {
  source_ami: opt.string('The AMI the instance is launched from (or source_ami_filter).'),
  source_ami_filter: block('Chooses the source AMI by filters and owners.', amiFilterOptions),
  instance_type: opt.string('The EC2 instance type, such as t3.micro (or spot_instance_types).'),
  subnet_id: opt.string('The subnet the instance is launched in.'),
  subnet_filter: block('Chooses subnet_id by filters.', {
    filters: filterOption,
    most_free: opt.bool('Takes the subnet with the most free addresses when several match.'),
    random: opt.bool('Takes a random subnet when several match.'),
  }),
  vpc_id: opt.string('The VPC of the temporary security group (default: the subnet\'s).'),
  vpc_filter: block('Chooses vpc_id by filters.', { filters: filterOption }),
  security_group_id: opt.string('A security group for the instance instead of a temporary one.'),
  security_group_ids: opt.strings('Security groups for the instance instead of a temporary one.'),
  security_group_filter: block('Chooses the security groups by filters.', { filters: filterOption }),
  associate_public_ip_address: opt.bool('Gives the instance a public IP address (unset: the subnet\'s setting).'),
  availability_zone: opt.string('The availability zone of the instance.'),
  iam_instance_profile: opt.string('The IAM instance profile the instance runs with.'),
  user_data: opt.string('User data for the instance.'),
  user_data_file: opt.string('A file whose content is the instance\'s user data.'),
  run_tags: opt.stringMap('Tags of the instance, templated with the build\'s generated data.'),
  run_tag: tagBlocks('run_tags'),
  run_volume_tags: opt.stringMap('Tags of the instance\'s volumes, templated with the build\'s generated data.'),
  launch_block_device_mappings: blockDevices('Block devices attached to the instance when it is launched.'),
  metadata_options: block('The instance metadata service (IMDS) settings.', {
    http_endpoint: opt.string('"enabled" (default) or "disabled".').defaultIfEmpty('enabled'),
    http_tokens: opt.string('"optional" (default) or "required" (IMDSv2 only).').defaultIfEmpty('optional'),
    http_put_response_hop_limit: opt.number('The hop limit of metadata PUT responses, 1 to 64 (default 1).').defaultIfEmpty(1),
    instance_metadata_tags: opt.string('"disabled" (default) or "enabled": instance tags in the metadata.').defaultIfEmpty('disabled'),
  }),
  shutdown_behavior: opt.string('What a shutdown from inside the instance does: "stop" (default) or "terminate".').defaultIfEmpty('stop'),
  ebs_optimized: opt.bool('Launches the instance EBS-optimized.'),
  spot_price: opt.string('The maximum hourly price of a spot instance, or "auto"; unset or "0" launches on demand.'),
  spot_instance_types: opt.strings('Instance types a spot request may use (instead of instance_type).'),
  spot_tags: opt.stringMap('Tags of the spot request.'),
  spot_tag: tagBlocks('spot_tags'),
  temporary_security_group_source_cidrs: opt.strings('CIDR blocks the temporary security group admits (default 0.0.0.0/0).').defaultIfEmpty(['0.0.0.0/0']),
  ssh_interface: opt.string('How the instance is reached: public_ip, private_ip, public_dns or private_dns.'),
};

export type RunOptions = ConfigOf<typeof runOptions>;

/** Go's net.ParseCIDR: an IPv4 or IPv6 address, a slash, a prefix length within the address's bits. */
function isCidr(text: string): boolean {
  const m = /^([^/]+)\/(\d{1,3})$/.exec(text);
  if (!m) return false;
  const family = isIP(m[1]!);
  return family !== 0 && Number(m[2]) <= (family === 4 ? 32 : 128);
}

const SSH_INTERFACES = ['public_ip', 'private_ip', 'public_dns', 'private_dns'];

function checkMetadata(m: RunOptions['metadata_options']): ConfigProblem[] {
  if (!m) return [];
  const out: ConfigProblem[] = [];
  if (m.http_endpoint !== 'enabled' && m.http_endpoint !== 'disabled') out.push({ message: 'http_endpoint requires either disabled or enabled as its value' });
  if (m.http_tokens !== 'optional' && m.http_tokens !== 'required') out.push({ message: 'http_tokens requires either optional or required as its value' });
  const hops = m.http_put_response_hop_limit;
  if (hops < 1 || hops > 64 || !Number.isInteger(hops)) out.push({ message: 'http_put_response_hop_limit requires a number between 1 and 64' });
  if (m.instance_metadata_tags !== 'enabled' && m.instance_metadata_tags !== 'disabled') out.push({ message: 'instance_metadata_tags requires either disabled or enabled as its value' });
  return out;
}

/** Whether the options ask for a spot instance, as Packer decides. */
export function isSpot(c: RunOptions): boolean {
  return c.spot_price !== undefined && c.spot_price !== '' && c.spot_price !== '0';
}

/** Packer's checks of the source and instance options (after the communicator's), in its order and words. */
export function checkRun(c: RunOptions, ctx: ValidateContext): ConfigProblem[] {
  const out = checkMetadata(c.metadata_options);
  if (c.ssh_interface !== undefined && c.ssh_interface !== '' && !SSH_INTERFACES.includes(c.ssh_interface)) {
    out.push({ message: `Unknown interface type: ${c.ssh_interface}`, attribute: 'ssh_interface' });
  }
  const filter = c.source_ami_filter;
  const filterEmpty = !filter || ((filter.owners ?? []).length === 0 && Object.keys(filter.filters ?? {}).length === 0);
  if (!c.source_ami && filterEmpty) out.push({ message: 'A source_ami or source_ami_filter must be specified' });
  if (!c.source_ami && (filter?.owners ?? []).length === 0) out.push({ message: 'For security reasons, your source AMI filter must declare an owner.' });
  const spotTypes = c.spot_instance_types ?? [];
  if (!c.instance_type && spotTypes.length === 0) out.push({ message: 'either instance_type or spot_instance_types must be specified' });
  if (c.instance_type && spotTypes.length > 0) out.push({ message: 'either instance_type or spot_instance_types must be specified, not both' });
  if (mergedTags(c.spot_tags, c.spot_tag) && !isSpot(c)) out.push({ message: 'spot_tags should not be set when not requesting a spot instance', attribute: 'spot_tags' });
  if (c.user_data && c.user_data_file) out.push({ message: 'Only one of user_data or user_data_file can be specified.' });
  else if (c.user_data_file && !exists(c.user_data_file, ctx.cwd)) out.push({ message: `user_data_file not found: ${c.user_data_file}`, attribute: 'user_data_file' });
  if (c.security_group_id && (c.security_group_ids ?? []).length > 0) out.push({ message: 'Only one of security_group_id or security_group_ids can be specified.' });
  for (const cidr of c.temporary_security_group_source_cidrs) {
    if (!isCidr(cidr)) out.push({ message: `Error parsing CIDR in temporary_security_group_source_cidrs: invalid CIDR address: ${cidr}`, attribute: 'temporary_security_group_source_cidrs' });
  }
  if (c.shutdown_behavior !== 'stop' && c.shutdown_behavior !== 'terminate') out.push({ message: "shutdown_behavior only accepts 'stop' or 'terminate' values.", attribute: 'shutdown_behavior' });
  // Early checks of what EC2 would refuse after the build started.
  if (isSpot(c) && c.spot_price !== 'auto' && !/^\d+(\.\d+)?$/.test(c.spot_price!)) {
    out.push({ message: `spot_price must be "auto" or a price such as "0.05"; got ${JSON.stringify(c.spot_price)}`, attribute: 'spot_price' });
  }
  if (spotTypes.length > 0 && !isSpot(c)) out.push({ message: 'spot_instance_types are the types of a spot request: set spot_price ("auto" or a maximum price)', attribute: 'spot_instance_types' });
  return out;
}

function exists(path: string, cwd: string): boolean {
  try {
    statSync(resolve(cwd, path));
    return true;
  } catch {
    return false;
  }
}
