// Deleting EC2 resources a killed run left, from what the journal kept (src/providers/aws/journal-data.ts).

import type { ResourceKind, ResourceRecord } from './journal.js';

type Env = Readonly<Record<string, string | undefined>>;
type Ec2Kind = Extract<ResourceKind, `ec2-${string}`>;

async function cleanEc2(r: ResourceRecord): Promise<'removed' | 'gone'> {
  throw new Error(`tsbuild cleanup cannot delete ${r.kind} records yet: delete ${r.description} in region ${r.data.region} by hand`);
}

export const ec2Cleaners: Record<Ec2Kind, (r: ResourceRecord, env: Env) => Promise<'removed' | 'gone'>> = {
  'ec2-instance': cleanEc2,
  'ec2-key-pair': cleanEc2,
  'ec2-security-group': cleanEc2,
  'ec2-image': cleanEc2,
  'ec2-launch-template': cleanEc2,
};
