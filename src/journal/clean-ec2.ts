// Deleting EC2 resources a killed run left, from what the journal kept (src/providers/aws/journal-data.ts). The
// cleaners (src/journal/clean-ec2/) load the AWS SDK: only when a journal lists an EC2 resource.

import { loadEc2Cleaners } from '../providers/aws/load.js';
import { awsErrorMessage } from '../providers/aws/sdk-errors.js';
import { deleteByHand } from './clean-ec2/by-hand.js';
import { CREDENTIALS_HINT, refusedCredentials } from './clean-ec2/errors.js';
import type { Ec2Kind } from './clean-ec2/index.js';
import type { ResourceRecord } from './journal.js';

type Env = Readonly<Record<string, string | undefined>>;

async function cleanEc2(r: ResourceRecord, env: Env): Promise<'removed' | 'gone'> {
  const { cleanEc2Resource } = await loadEc2Cleaners();
  try {
    return await cleanEc2Resource(r.kind as Ec2Kind, r.data, env);
  } catch (e) {
    const hint = refusedCredentials(e) ? `. ${CREDENTIALS_HINT}` : '';
    throw new Error(`${awsErrorMessage(e)}${hint}. To delete it by hand: ${deleteByHand(r)}`, { cause: e });
  }
}

export const ec2Cleaners: Record<Ec2Kind, (r: ResourceRecord, env: Env) => Promise<'removed' | 'gone'>> = {
  'ec2-instance': cleanEc2,
  'ec2-key-pair': cleanEc2,
  'ec2-security-group': cleanEc2,
  'ec2-image': cleanEc2,
  'ec2-launch-template': cleanEc2,
};
