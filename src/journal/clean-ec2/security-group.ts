// A temporary security group a killed run left: by its ID, else by its name (in its VPC when one was named). An
// instance that used it may still be terminating (records are cleaned newest first, so the cleanup itself waited
// for the build's instance; a build's own cleanup killed mid-way may not have): EC2 refuses with
// DependencyViolation until it is gone, so the deletion is tried again for a bounded time.

import { DeleteSecurityGroupCommand, DescribeSecurityGroupsCommand, type EC2Client } from '@aws-sdk/client-ec2';
import { retryWhile, unlessNotFound } from './errors.js';

type Env = Readonly<Record<string, string | undefined>>;

async function findGroups(ec2: EC2Client, d: Record<string, string>): Promise<string[]> {
  const filters = [{ Name: 'group-name', Values: [d.name!] }, ...(d.vpcId ? [{ Name: 'vpc-id', Values: [d.vpcId] }] : [])];
  const input = d.id ? { GroupIds: [d.id] } : { Filters: filters };
  const found = await unlessNotFound(() => ec2.send(new DescribeSecurityGroupsCommand(input)));
  return (found?.SecurityGroups ?? []).map((g) => g.GroupId!);
}

export async function cleanSecurityGroup(ec2: EC2Client, d: Record<string, string>, env: Env): Promise<'removed' | 'gone'> {
  let removed = false;
  for (const id of await findGroups(ec2, d)) {
    const what = `security group ${id} to be free of instances`;
    if (await retryWhile('DependencyViolation', what, () => ec2.send(new DeleteSecurityGroupCommand({ GroupId: id })), env)) removed = true;
  }
  return removed ? 'removed' : 'gone';
}
