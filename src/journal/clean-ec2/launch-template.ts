// The launch template of a spot build a killed run left.

import { DeleteLaunchTemplateCommand, type EC2Client } from '@aws-sdk/client-ec2';
import { unlessNotFound } from './errors.js';

export async function cleanLaunchTemplate(ec2: EC2Client, d: Record<string, string>): Promise<'removed' | 'gone'> {
  const deleted = await unlessNotFound(() => ec2.send(new DeleteLaunchTemplateCommand({ LaunchTemplateName: d.name })));
  return deleted ? 'removed' : 'gone';
}
