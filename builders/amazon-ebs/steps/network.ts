import { DescribeSecurityGroupsCommand, DescribeSubnetsCommand, DescribeVpcsCommand, type Filter, type Subnet } from '@aws-sdk/client-ec2';
import type { Step } from '../../../src/engine/steps.js';
import { describeImagesFilters } from '../../../src/providers/aws/ami-filter.js';
import { ec2Call } from '../ec2-call.js';
import type { EbsState } from '../state.js';

const filtersOf = (f: Readonly<Record<string, string>> | undefined): Filter[] => describeImagesFilters(f);

/** Several subnets match: most_free takes the one with most free addresses, random any; otherwise it is an error. */
function chooseSubnet(subnets: Subnet[], mostFree: boolean, random: boolean): Subnet {
  if (subnets.length === 0) throw new Error('No subnet matches subnet_filter');
  if (mostFree) return subnets.reduce((a, b) => ((b.AvailableIpAddressCount ?? 0) > (a.AvailableIpAddressCount ?? 0) ? b : a));
  if (random) return subnets[Math.floor(Math.random() * subnets.length)]!;
  if (subnets.length > 1) throw new Error(`Exactly one Subnet should match the filter, but ${subnets.length} Subnets match: set subnet_filter's most_free or random`);
  return subnets[0]!;
}

/** Packer's StepNetworkInfo: vpc_filter, subnet_filter and security_group_filter become IDs; the zone follows the subnet. */
export const stepNetwork: Step<EbsState> = {
  name: 'StepNetworkInfo',
  run: async (state, ctx) => {
    const c = state.config;
    const { ec2 } = state;
    state.vpcId = c.vpc_id || undefined;
    state.subnetId = c.subnet_id || undefined;
    state.availabilityZone = c.availability_zone || undefined;
    if (!state.vpcId && c.vpc_filter?.filters && Object.keys(c.vpc_filter.filters).length > 0) {
      const out = await ec2Call(ctx.signal, 'Error querying VPCs', (o) => ec2.send(new DescribeVpcsCommand({ Filters: filtersOf(c.vpc_filter!.filters) }), o));
      const vpcs = out.Vpcs ?? [];
      if (vpcs.length !== 1) throw new Error(`Exactly one VPC should match the filter, but ${vpcs.length} VPC's was found matching filters: ${JSON.stringify(c.vpc_filter.filters)}`);
      state.vpcId = vpcs[0]!.VpcId;
      ctx.ui.message(`Found VPC ID: ${state.vpcId}`);
    }
    if (!state.subnetId && c.subnet_filter?.filters && Object.keys(c.subnet_filter.filters).length > 0) {
      const filters = filtersOf(c.subnet_filter.filters);
      if (state.vpcId) filters.push({ Name: 'vpc-id', Values: [state.vpcId] });
      if (state.availabilityZone) filters.push({ Name: 'availability-zone', Values: [state.availabilityZone] });
      const out = await ec2Call(ctx.signal, 'Error querying Subnets', (o) => ec2.send(new DescribeSubnetsCommand({ Filters: filters }), o));
      const subnet = chooseSubnet(out.Subnets ?? [], c.subnet_filter.most_free === true, c.subnet_filter.random === true);
      state.subnetId = subnet.SubnetId;
      ctx.ui.message(`Found Subnet ID: ${state.subnetId}`);
    }
    if (state.subnetId && (!state.vpcId || !state.availabilityZone)) {
      const out = await ec2Call(ctx.signal, 'Describing the subnet', (o) => ec2.send(new DescribeSubnetsCommand({ SubnetIds: [state.subnetId!] }), o));
      const subnet = out.Subnets?.[0];
      if (!subnet) throw new Error(`The subnet ${state.subnetId} does not exist in ${state.region}`);
      state.vpcId ??= subnet.VpcId;
      state.availabilityZone ??= subnet.AvailabilityZone;
      ctx.ui.message(`AvailabilityZone found: ${state.availabilityZone}`);
    }
    if (c.security_group_filter?.filters && Object.keys(c.security_group_filter.filters).length > 0) {
      const filters = filtersOf(c.security_group_filter.filters);
      if (state.vpcId) filters.push({ Name: 'vpc-id', Values: [state.vpcId] });
      const out = await ec2Call(ctx.signal, 'Error querying security groups', (o) => ec2.send(new DescribeSecurityGroupsCommand({ Filters: filters }), o));
      const ids = (out.SecurityGroups ?? []).map((g) => g.GroupId!);
      if (ids.length === 0) throw new Error(`No security group matches security_group_filter: ${JSON.stringify(c.security_group_filter.filters)}`);
      state.securityGroupIds = ids;
      ctx.ui.message(`Found Security Group(s): ${ids.join(', ')}`);
    }
  },
};
