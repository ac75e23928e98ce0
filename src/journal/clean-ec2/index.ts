// tsbuild cleanup's EC2 cleaners: one client per record (the record says where and as whom), one cleaner per kind.
// Loads the SDK: reached only through src/providers/aws/load.ts.

import type { EC2Client } from '@aws-sdk/client-ec2';
import type { ResourceKind } from '../journal.js';
import { connectRecorded } from './connect.js';
import { cleanImage } from './image.js';
import { cleanInstance } from './instance.js';
import { cleanKeyPair } from './key-pair.js';
import { cleanLaunchTemplate } from './launch-template.js';
import { cleanSecurityGroup } from './security-group.js';

type Env = Readonly<Record<string, string | undefined>>;
export type Ec2Kind = Extract<ResourceKind, `ec2-${string}`>;

const cleaners: Record<Ec2Kind, (ec2: EC2Client, d: Record<string, string>, env: Env) => Promise<'removed' | 'gone'>> = {
  'ec2-instance': cleanInstance,
  'ec2-key-pair': cleanKeyPair,
  'ec2-security-group': cleanSecurityGroup,
  'ec2-image': cleanImage,
  'ec2-launch-template': cleanLaunchTemplate,
};

/** Deletes the EC2 resource `data` describes; rejects with EC2's error. */
export async function cleanEc2Resource(kind: Ec2Kind, data: Record<string, string>, env: Env): Promise<'removed' | 'gone'> {
  const { ec2 } = await connectRecorded(data, env);
  try {
    return await cleaners[kind](ec2, data, env);
  } finally {
    ec2.destroy();
  }
}
