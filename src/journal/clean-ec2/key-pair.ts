// A temporary key pair a killed run left. DeleteKeyPair succeeds for a name that does not exist, so whether it was
// there is asked first.

import { DeleteKeyPairCommand, DescribeKeyPairsCommand, type EC2Client } from '@aws-sdk/client-ec2';
import { unlessNotFound } from './errors.js';

export async function cleanKeyPair(ec2: EC2Client, d: Record<string, string>): Promise<'removed' | 'gone'> {
  const found = await unlessNotFound(() => ec2.send(new DescribeKeyPairsCommand({ KeyNames: [d.name!] })));
  if (!found?.KeyPairs?.length) return 'gone';
  await ec2.send(new DeleteKeyPairCommand({ KeyName: d.name }));
  return 'removed';
}
