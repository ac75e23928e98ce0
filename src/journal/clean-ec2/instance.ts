// An instance a killed run left: found by its ID, or by RunInstances' idempotency token when the run was killed
// before it learnt the ID; terminated, and waited for until EC2 says terminated (so that the security group it used,
// cleaned next, can be deleted); then the volumes the build made that outlive it are deleted.

import { DeleteVolumeCommand, DescribeInstancesCommand, TerminateInstancesCommand, type DescribeInstancesCommandInput, type EC2Client, type Instance } from '@aws-sdk/client-ec2';
import { makePoller, pollSettings } from '../../providers/aws/poll.js';
import { retryWhile, unlessNotFound } from './errors.js';

type Env = Readonly<Record<string, string | undefined>>;

/** How long termination is waited for. */
const TERMINATION_BOUND_MS = 5 * 60_000;

/** The instances `input` finds; none when EC2 no longer knows them. */
async function describe(ec2: EC2Client, input: DescribeInstancesCommandInput): Promise<Instance[]> {
  const out = await unlessNotFound(() => ec2.send(new DescribeInstancesCommand(input)));
  return (out?.Reservations ?? []).flatMap((r) => r.Instances ?? []);
}

/**
 * By ID, else (the run was killed before it learnt the ID) by the spot launch template that EC2 tags its instances
 * with, or by RunInstances' token.
 */
async function findInstances(ec2: EC2Client, d: Record<string, string>): Promise<Instance[]> {
  if (d.id) return describe(ec2, { InstanceIds: [d.id] });
  if (d.launchTemplateId) return describe(ec2, { Filters: [{ Name: 'tag:aws:ec2launchtemplate:id', Values: [d.launchTemplateId] }] });
  if (d.clientToken) return describe(ec2, { Filters: [{ Name: 'client-token', Values: [d.clientToken] }] });
  return [];
}

const isTerminated = (i: Instance) => i.State?.Name === 'terminated';

/**
 * The volumes to delete once the instances are gone: those recorded, and those attached to the instances that
 * termination keeps (DeleteOnTermination false): all made by the build's RunInstances, and unknown to the journal
 * when the run was killed before it wrote them down.
 */
function volumesOf(d: Record<string, string>, instances: Instance[]): string[] {
  const kept = instances.flatMap((i) => (i.BlockDeviceMappings ?? []).filter((m) => m.Ebs?.DeleteOnTermination === false).map((m) => m.Ebs!.VolumeId!));
  return [...new Set([...(d.volumeIds ?? '').split(' ').filter(Boolean), ...kept])];
}

export async function cleanInstance(ec2: EC2Client, d: Record<string, string>, env: Env): Promise<'removed' | 'gone'> {
  const instances = await findInstances(ec2, d);
  const live = instances.filter((i) => !isTerminated(i)).map((i) => i.InstanceId!);
  if (live.length > 0) {
    await ec2.send(new TerminateInstancesCommand({ InstanceIds: live }));
    await makePoller(pollSettings(undefined, env)).until(
      {
        what: `instance ${live.join(', ')} to be terminated`,
        defaultTimeoutMs: TERMINATION_BOUND_MS,
        check: async () => {
          const now = await describe(ec2, { InstanceIds: live });
          return now.every(isTerminated) || undefined;
        },
      },
      new AbortController().signal,
    );
  }
  let volumes = 0;
  for (const volumeId of volumesOf(d, instances)) {
    // A volume detaches as its instance terminates: EC2 says VolumeInUse until it has.
    if (await retryWhile('VolumeInUse', `volume ${volumeId} to be detached`, () => ec2.send(new DeleteVolumeCommand({ VolumeId: volumeId })), env)) volumes++;
  }
  return live.length > 0 || volumes > 0 ? 'removed' : 'gone';
}
