// The network every region has, as a new account's: one default VPC and one default subnet per availability zone.
// Instances launched without a subnet go to zone a's subnet.

import { zonesOf } from './actions/regions.js';

export const DEFAULT_VPC_ID = 'vpc-0emulator00000000';
const VPC_CIDR = '172.31.0.0/16';

export interface Vpc {
  id: string;
  region: string;
  ownerId: string;
  cidrBlock: string;
  isDefault: boolean;
  tags: Map<string, string>;
}

export interface Subnet {
  id: string;
  region: string;
  ownerId: string;
  vpcId: string;
  availabilityZone: string;
  availabilityZoneId: string;
  cidrBlock: string;
  availableIpAddressCount: number;
  defaultForAz: boolean;
  tags: Map<string, string>;
}

export function defaultVpc(region: string, ownerId: string): Vpc {
  return { id: DEFAULT_VPC_ID, region, ownerId, cidrBlock: VPC_CIDR, isDefault: true, tags: new Map() };
}

/** Zone a's subnet keeps the ID instances always had; b and c differ in their last character. */
export function defaultSubnets(region: string, ownerId: string): Subnet[] {
  return zonesOf(region).map((z, i) => ({
    id: `subnet-0emulator000000${i === 0 ? '0' : z.name.slice(-1)}`,
    region,
    ownerId,
    vpcId: DEFAULT_VPC_ID,
    availabilityZone: z.name,
    availabilityZoneId: z.id,
    cidrBlock: `172.31.${i * 16}.0/20`,
    // Different counts, so that "most free" has one answer.
    availableIpAddressCount: 4091 - i,
    defaultForAz: true,
    tags: new Map(),
  }));
}
