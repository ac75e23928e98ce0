// DescribeVpcs and DescribeSubnets over the default network of the caller's region (network.ts), with the filters
// Packer's vpc_filter and subnet_filter send.

import { notFound } from '../errors.js';
import { applyFilters, type FilterTable } from '../filters.js';
import { tagSet, type Action } from '../context.js';
import { defaultSubnets, defaultVpc, type Subnet, type Vpc } from '../network.js';
import { filterParams, listParam } from '../query.js';

const VPC_FILTERS: FilterTable<Vpc> = {
  'vpc-id': (v) => [v.id],
  'cidr': (v) => [v.cidrBlock],
  'cidr-block-association.cidr-block': (v) => [v.cidrBlock],
  isDefault: (v) => [v.isDefault],
  'is-default': (v) => [v.isDefault],
  'owner-id': (v) => [v.ownerId],
  state: () => ['available'],
};

const SUBNET_FILTERS: FilterTable<Subnet> = {
  'subnet-id': (s) => [s.id],
  'vpc-id': (s) => [s.vpcId],
  'availability-zone': (s) => [s.availabilityZone],
  'availability-zone-id': (s) => [s.availabilityZoneId],
  'available-ip-address-count': (s) => [s.availableIpAddressCount],
  'cidr-block': (s) => [s.cidrBlock],
  'default-for-az': (s) => [s.defaultForAz],
  defaultForAz: (s) => [s.defaultForAz],
  'owner-id': (s) => [s.ownerId],
  state: () => ['available'],
};

export const describeVpcs: Action = ({ params, caller }) => {
  const ids = listParam(params, 'VpcId');
  const vpcs = [defaultVpc(caller.region, caller.account)];
  for (const id of ids) if (!vpcs.some((v) => v.id === id)) throw notFound('InvalidVpcID.NotFound', `The vpc ID '${id}' does not exist`);
  return {
    vpcSet: applyFilters(vpcs, filterParams(params), VPC_FILTERS).map((v) => ({
      vpcId: v.id,
      ownerId: v.ownerId,
      state: 'available',
      cidrBlock: v.cidrBlock,
      dhcpOptionsId: 'dopt-0emulator0000000',
      instanceTenancy: 'default',
      isDefault: v.isDefault,
      tagSet: tagSet(v.tags),
    })),
  };
};

export const describeSubnets: Action = ({ params, caller }) => {
  const ids = listParam(params, 'SubnetId');
  const subnets = defaultSubnets(caller.region, caller.account);
  for (const id of ids) if (!subnets.some((s) => s.id === id)) throw notFound('InvalidSubnetID.NotFound', `The subnet ID '${id}' does not exist`);
  const chosen = subnets.filter((s) => ids.length === 0 || ids.includes(s.id));
  return {
    subnetSet: applyFilters(chosen, filterParams(params), SUBNET_FILTERS).map((s) => ({
      subnetId: s.id,
      subnetArn: `arn:aws:ec2:${s.region}:${s.ownerId}:subnet/${s.id}`,
      state: 'available',
      ownerId: s.ownerId,
      vpcId: s.vpcId,
      cidrBlock: s.cidrBlock,
      availableIpAddressCount: s.availableIpAddressCount,
      availabilityZone: s.availabilityZone,
      availabilityZoneId: s.availabilityZoneId,
      defaultForAz: s.defaultForAz,
      mapPublicIpOnLaunch: true,
      tagSet: tagSet(s.tags),
    })),
  };
};
