import { DeleteVolumeCommand, DescribeInstancesCommand, ModifyInstanceAttributeCommand, StopInstancesCommand } from '@aws-sdk/client-ec2';
import type { Step } from '../../../src/engine/steps.js';
import { errorMessage } from '../../../src/plugin/errors.js';
import { isSpot } from '../../../src/providers/aws/run-options.js';
import { ec2Call, ec2ErrorCode } from '../ec2-call.js';
import type { EbsState } from '../state.js';

const STOPPED_TIMEOUT_MS = 10 * 60_000;

/**
 * Packer's StepCleanupVolumes, at cleanup only (it runs after the instance is terminated): deletes the volumes of
 * launch_block_device_mappings that outlive the instance, then crosses the instance out of the journal.
 */
export const stepCleanupVolumes: Step<EbsState> = {
  name: 'StepCleanupVolumes',
  run: async () => {},
  cleanup: async (state, ctx) => {
    const ids = state.keptVolumeIds ?? [];
    if (state.instanceId) return; // still there: its termination failed, so its volumes are in use
    ctx.ui.say('Cleaning up any extra volumes...');
    if (ids.length === 0) {
      ctx.ui.say('No volumes to clean up, skipping');
      return;
    }
    const left: string[] = [];
    for (const id of ids) {
      ctx.ui.say(`Destroying volume (${id})...`);
      try {
        await ec2Call(ctx.signal, `Error deleting volume ${id}`, (o) => state.ec2.send(new DeleteVolumeCommand({ VolumeId: id }), o));
      } catch (e) {
        if (ec2ErrorCode(e) === 'InvalidVolume.NotFound') continue;
        ctx.ui.error(errorMessage(e));
        left.push(id);
      }
    }
    state.keptVolumeIds = left;
    if (left.length === 0 && state.instanceRecord) {
      ctx.journal.forget(state.instanceRecord);
      state.instanceRecord = undefined;
    }
  },
};

/** Packer's StepStopEBSBackedInstance: stops the instance and waits, so its volumes are consistent for the AMI. */
export const stepStopInstance: Step<EbsState> = {
  name: 'StepStopEBSBackedInstance',
  run: async (state, ctx) => {
    // As Packer: a spot instance is imaged running (EC2 stops spot instances only under conditions).
    if (isSpot(state.config)) return;
    const id = state.instanceId!;
    ctx.ui.say('Stopping the source instance...');
    ctx.ui.message('Stopping instance');
    await ec2Call(ctx.signal, 'Error stopping instance', (o) => state.ec2.send(new StopInstancesCommand({ InstanceIds: [id] }), o));
    ctx.ui.say('Waiting for the instance to stop...');
    await state.poller.until(
      {
        what: `instance ${id} to stop`,
        defaultTimeoutMs: STOPPED_TIMEOUT_MS,
        check: async () => {
          const out = await ec2Call(ctx.signal, `Error describing instance ${id}`, (o) => state.ec2.send(new DescribeInstancesCommand({ InstanceIds: [id] }), o));
          const s = out.Reservations?.[0]?.Instances?.[0]?.State?.Name;
          if (s === 'terminated' || s === 'shutting-down') throw new Error(`Error waiting for instance to stop: the instance is ${s}`);
          return s === 'stopped' ? true : undefined;
        },
        progress: (ms) => ctx.ui.message(`Still waiting for instance ${id} to stop (${Math.round(ms / 1000)}s)...`),
      },
      ctx.signal,
    );
  },
};

/** Packer's StepModifyEBSBackedInstance: ena_support and sriov_support set on the stopped instance, which the AMI takes. */
export const stepModifyInstance: Step<EbsState> = {
  name: 'StepModifyEBSBackedInstance',
  run: async (state, ctx) => {
    const c = state.config;
    const id = state.instanceId!;
    if (c.sriov_support === true) {
      ctx.ui.say("Enabling Enhanced Networking (SR-IOV)...");
      await ec2Call(ctx.signal, 'Error enabling Enhanced Networking (SR-IOV) on instance', (o) =>
        state.ec2.send(new ModifyInstanceAttributeCommand({ InstanceId: id, SriovNetSupport: { Value: 'simple' } }), o),
      );
    }
    if (c.ena_support !== undefined) {
      ctx.ui.say(c.ena_support ? 'Enabling Enhanced Networking (ENA)...' : 'Disabling Enhanced Networking (ENA)...');
      await ec2Call(ctx.signal, 'Error setting Enhanced Networking (ENA) on instance', (o) =>
        state.ec2.send(new ModifyInstanceAttributeCommand({ InstanceId: id, EnaSupport: { Value: c.ena_support } }), o),
      );
    }
  },
};
