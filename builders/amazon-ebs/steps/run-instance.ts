import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { randomUUID } from 'node:crypto';
import { DescribeInstancesCommand, RunInstancesCommand, TerminateInstancesCommand, type Instance, type RunInstancesCommandInput, type TagSpecification } from '@aws-sdk/client-ec2';
import type { Step } from '../../../src/engine/steps.js';
import { errorMessage } from '../../../src/plugin/errors.js';
import { isSpot } from '../../../src/providers/aws/run-options.js';
import { mergedTags } from '../../../src/providers/aws/tag-blocks.js';
import { Value } from '../../../src/value/value.js';
import { ec2BlockDeviceMappings } from '../block-mappings.js';
import { ec2Call, ec2ErrorCode } from '../ec2-call.js';
import { renderTags } from '../generated-text.js';
import type { EbsState } from '../state.js';
import { deleteLaunchTemplate, launchSpot } from './spot.js';

const RUNNING_TIMEOUT_MS = 10 * 60_000;
const TERMINATED_TIMEOUT_MS = 10 * 60_000;

function tagSpec(ResourceType: 'instance' | 'volume', tags: Record<string, string>): TagSpecification[] {
  const Tags = Object.entries(tags)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([Key, Value]) => ({ Key, Value }));
  return Tags.length > 0 ? [{ ResourceType, Tags }] : [];
}

async function launchInput(state: EbsState, cwd: string, clientToken: string): Promise<RunInstancesCommandInput> {
  const c = state.config;
  const runTags = renderTags(mergedTags(c.run_tags, c.run_tag), state.data, 'run_tags');
  // Packer names the instance unless run_tags does.
  if (!('Name' in runTags)) runTags.Name = 'Packer Builder';
  const volumeTags = renderTags(c.run_volume_tags, state.data, 'run_volume_tags');
  const userData = c.user_data_file ? await readFile(resolve(cwd, c.user_data_file), 'utf8') : c.user_data;
  const publicIp = c.associate_public_ip_address;
  const m = c.metadata_options;
  return {
    ClientToken: clientToken,
    ImageId: state.sourceImage!.ImageId,
    InstanceType: c.instance_type as RunInstancesCommandInput['InstanceType'],
    MinCount: 1,
    MaxCount: 1,
    KeyName: state.keyName,
    UserData: userData ? Buffer.from(userData).toString('base64') : undefined,
    IamInstanceProfile: c.iam_instance_profile ? { Name: c.iam_instance_profile } : undefined,
    BlockDeviceMappings: c.launch_block_device_mappings.length > 0 ? ec2BlockDeviceMappings(c.launch_block_device_mappings) : undefined,
    Placement: state.availabilityZone ? { AvailabilityZone: state.availabilityZone } : undefined,
    EbsOptimized: c.ebs_optimized || undefined,
    InstanceInitiatedShutdownBehavior: c.shutdown_behavior as 'stop' | 'terminate',
    MetadataOptions: m
      ? {
          HttpEndpoint: m.http_endpoint as 'enabled' | 'disabled',
          HttpTokens: m.http_tokens as 'optional' | 'required',
          HttpPutResponseHopLimit: m.http_put_response_hop_limit,
          InstanceMetadataTags: m.instance_metadata_tags as 'enabled' | 'disabled',
        }
      : undefined,
    TagSpecifications: [...tagSpec('instance', runTags), ...tagSpec('volume', volumeTags)],
    // A public address asked for explicitly goes on the network interface, with the subnet and groups.
    ...(publicIp !== undefined
      ? { NetworkInterfaces: [{ DeviceIndex: 0, AssociatePublicIpAddress: publicIp, SubnetId: state.subnetId, Groups: state.securityGroupIds, DeleteOnTermination: true }] }
      : { SubnetId: state.subnetId, SecurityGroupIds: state.securityGroupIds }),
  };
}

async function describe(state: EbsState, id: string, signal: AbortSignal): Promise<Instance | undefined> {
  const out = await ec2Call(signal, `Error describing instance ${id}`, (o) => state.ec2.send(new DescribeInstancesCommand({ InstanceIds: [id] }), o));
  return out.Reservations?.[0]?.Instances?.[0];
}

/** The address SSH connects to: ssh_host, else the ssh_interface one, else the public IP, the private IP, a DNS name. */
export function hostOf(instance: Instance, sshHost: string | undefined, sshInterface: string | undefined): string {
  if (sshHost) return sshHost;
  const by: Record<string, string | undefined> = {
    public_ip: instance.PublicIpAddress,
    private_ip: instance.PrivateIpAddress,
    public_dns: instance.PublicDnsName,
    private_dns: instance.PrivateDnsName,
  };
  const host = sshInterface ? by[sshInterface] : instance.PublicIpAddress || instance.PrivateIpAddress || instance.PublicDnsName || instance.PrivateDnsName;
  if (!host) throw new Error(`The instance ${instance.InstanceId} has no ${sshInterface ?? 'IP address or DNS name'} to connect to`);
  return host;
}

/**
 * Packer's StepRunSourceInstance: launches the instance (journal first, with the idempotency token that finds it
 * if the run dies before learning its ID), waits until it runs, and learns its address. Cleanup terminates it and
 * waits until it is gone, so that its security group and volumes can go next.
 */
export const stepRunInstance: Step<EbsState> = {
  name: 'StepRunSourceInstance',
  run: async (state, ctx) => {
    const c = state.config;
    const clientToken = randomUUID();
    state.clientToken = clientToken;
    const input = await launchInput(state, ctx.cwd, clientToken);
    const spot = isSpot(c);
    ctx.ui.say(spot ? 'Launching a spot AWS instance...' : 'Launching a source AWS instance...');
    const tags = (input.TagSpecifications ?? []).flatMap((t) => t.Tags ?? []);
    if (tags.length > 0) {
      ctx.ui.say('Adding tags to source instance');
      for (const t of tags) ctx.ui.message(`Adding tag: "${t.Key}": "${t.Value}"`);
    }
    state.instanceRecord = ctx.journal.record('ec2-instance', ctx.buildName, `instance (${state.region}, token ${clientToken})`, { ...state.access(state.region), clientToken });
    const id = spot
      ? await launchSpot(state, ctx, input)
      : (await ec2Call(ctx.signal, 'Error launching source instance', (o) => state.ec2.send(new RunInstancesCommand(input), o))).Instances![0]!.InstanceId!;
    state.instanceId = id;
    ctx.journal.update(state.instanceRecord, { id });
    ctx.ui.message(`Instance ID: ${id}`);
    ctx.ui.say(`Waiting for instance (${id}) to become ready...`);
    const instance = await state.poller.until(
      {
        what: `instance ${id} to become running`,
        defaultTimeoutMs: RUNNING_TIMEOUT_MS,
        check: async () => {
          const i = await describe(state, id, ctx.signal);
          const s = i?.State?.Name;
          if (s === 'running') return i;
          if (s === 'terminated' || s === 'shutting-down' || s === 'stopped') {
            throw new Error(`Error waiting for instance (${id}) to become ready: the instance is ${s}${i?.StateReason?.Message ? `: ${i.StateReason.Message}` : ''}`);
          }
          return undefined;
        },
        progress: (ms) => ctx.ui.message(`Still waiting for instance ${id} to run (${Math.round(ms / 1000)}s)...`),
      },
      ctx.signal,
    );
    const launched = new Set(c.launch_block_device_mappings.filter((d) => !d.delete_on_termination && !d.no_device && !d.virtual_name).map((d) => d.device_name));
    state.keptVolumeIds = (instance.BlockDeviceMappings ?? []).filter((b) => launched.has(b.DeviceName) && b.Ebs?.VolumeId && !b.Ebs.DeleteOnTermination).map((b) => b.Ebs!.VolumeId!);
    if (state.keptVolumeIds.length > 0) ctx.journal.update(state.instanceRecord, { volumeIds: state.keptVolumeIds.join(' ') });
    state.host = hostOf(instance, c.ssh_host, c.ssh_interface);
    state.data = { ...state.data, ID: Value.string(id) };
  },
  cleanup: async (state, ctx) => {
    const record = state.instanceRecord;
    if (!record) return deleteLaunchTemplate(state, ctx);
    let id = state.instanceId;
    if (!id) {
      // The launch was cancelled or failed: EC2 may still have made the instance; its token finds it.
      try {
        id = await instanceByToken(state, ctx.signal);
      } catch (e) {
        ctx.ui.error(`${errorMessage(e)}: the journal keeps the instance for tsbuild cleanup`);
        return;
      }
      if (!id) {
        ctx.journal.forget(record);
        state.instanceRecord = undefined;
        return deleteLaunchTemplate(state, ctx);
      }
    }
    ctx.ui.say('Terminating the source AWS instance...');
    try {
      await terminate(state, id, ctx.signal);
    } catch (e) {
      ctx.ui.error(`Error terminating instance, may still be around: ${errorMessage(e)}`);
      return;
    }
    state.instanceId = undefined;
    await deleteLaunchTemplate(state, ctx);
    // Volumes that outlive it are deleted by the next cleanup (StepCleanupVolumes), which forgets the record.
    if (!state.keptVolumeIds?.length) {
      ctx.journal.forget(record);
      state.instanceRecord = undefined;
    }
  },
};

/** The instance a cut-off launch made: by RunInstances' token, or (spot) by the launch template's tag. */
async function instanceByToken(state: EbsState, signal: AbortSignal): Promise<string | undefined> {
  const filter = isSpot(state.config)
    ? state.launchTemplateId && { Name: 'tag:aws:ec2launchtemplate:id', Values: [state.launchTemplateId] }
    : state.clientToken && { Name: 'client-token', Values: [state.clientToken] };
  if (!filter) return undefined;
  const out = await ec2Call(signal, 'Looking for the launched instance', (o) => state.ec2.send(new DescribeInstancesCommand({ Filters: [filter] }), o));
  const i = out.Reservations?.flatMap((r) => r.Instances ?? []).find((x) => x.State?.Name !== 'terminated');
  return i?.InstanceId;
}

async function terminate(state: EbsState, id: string, signal: AbortSignal): Promise<void> {
  try {
    await ec2Call(signal, `Error terminating instance ${id}`, (o) => state.ec2.send(new TerminateInstancesCommand({ InstanceIds: [id] }), o));
  } catch (e) {
    if (ec2ErrorCode(e) === 'InvalidInstanceID.NotFound') return;
    throw e;
  }
  await state.poller.until(
    {
      what: `instance ${id} to terminate`,
      defaultTimeoutMs: TERMINATED_TIMEOUT_MS,
      check: async () => ((await describe(state, id, signal))?.State?.Name === 'terminated' ? true : undefined),
    },
    signal,
  );
}
