// What the image steps share: finding AMIs by name, waiting for one, and deleting one with its snapshots.

import { DeleteSnapshotCommand, DeregisterImageCommand, DescribeImagesCommand, type EC2Client, type Image } from '@aws-sdk/client-ec2';
import { errorMessage } from '../../src/plugin/errors.js';
import type { BuildUi } from '../../src/plugin/ui.js';
import type { Poller } from '../../src/providers/aws/poll.js';
import { ec2Call, ec2ErrorCode } from './ec2-call.js';

const AVAILABLE_TIMEOUT_MS = 60 * 60_000;

/** The account's AMIs named `name` (names are unique per account and region). */
export async function imagesNamed(ec2: EC2Client, name: string, signal: AbortSignal): Promise<Image[]> {
  const out = await ec2Call(signal, `Error querying AMIs named ${name}`, (o) =>
    ec2.send(new DescribeImagesCommand({ Owners: ['self'], Filters: [{ Name: 'name', Values: [name] }] }), o),
  );
  return out.Images ?? [];
}

export async function describeImage(ec2: EC2Client, id: string, signal: AbortSignal): Promise<Image | undefined> {
  const out = await ec2Call(signal, `Error describing AMI ${id}`, (o) => ec2.send(new DescribeImagesCommand({ ImageIds: [id] }), o));
  return out.Images?.[0];
}

/** The snapshots an AMI's block devices are made of. */
export function snapshotsOf(image: Image | undefined): string[] {
  return (image?.BlockDeviceMappings ?? []).map((b) => b.Ebs?.SnapshotId).filter((s): s is string => Boolean(s));
}

/** Waits until `id` is available; a failed image is an error with EC2's reason. */
export async function waitAvailable(ec2: EC2Client, poller: Poller, id: string, region: string, ui: BuildUi, signal: AbortSignal): Promise<Image> {
  return poller.until(
    {
      what: `AMI ${id} (${region}) to become available`,
      defaultTimeoutMs: AVAILABLE_TIMEOUT_MS,
      check: async () => {
        const image = await describeImage(ec2, id, signal).catch((e: unknown) => {
          // Just made: EC2 may not list it yet.
          if (ec2ErrorCode(e) === 'InvalidAMIID.NotFound') return undefined;
          throw e;
        });
        if (image?.State === 'failed' || image?.State === 'error') {
          throw new Error(`Error waiting for AMI ${id} (${region}): ${image.State}${image.StateReason?.Message ? `: ${image.StateReason.Message}` : ''}`);
        }
        return image?.State === 'available' ? image : undefined;
      },
      progress: (ms) => ui.message(`Still waiting for AMI ${id} (${region}) to become available (${Math.round(ms / 1000)}s)...`),
    },
    signal,
  );
}

/** Deregisters `id` and deletes its snapshots; an AMI or snapshot already gone is not an error. */
export async function deleteImage(ec2: EC2Client, id: string, signal: AbortSignal, withSnapshots = true): Promise<void> {
  const image = await describeImage(ec2, id, signal).catch((e: unknown) => {
    if (ec2ErrorCode(e) === 'InvalidAMIID.NotFound') return undefined;
    throw e;
  });
  if (image) {
    await ec2Call(signal, `Error deregistering AMI ${id}`, (o) => ec2.send(new DeregisterImageCommand({ ImageId: id }), o)).catch((e: unknown) => {
      if (!/NotFound|InvalidAMIID.Unavailable/.test(ec2ErrorCode(e) ?? '')) throw e;
    });
  }
  if (!withSnapshots) return;
  for (const snap of snapshotsOf(image)) {
    await ec2Call(signal, `Error deleting snapshot ${snap}`, (o) => ec2.send(new DeleteSnapshotCommand({ SnapshotId: snap }), o)).catch((e: unknown) => {
      if (ec2ErrorCode(e) !== 'InvalidSnapshot.NotFound') throw e;
    });
  }
}

/** Deletes an AMI at cleanup, saying so; false when it failed (reported). */
export async function deleteImageReporting(ec2: EC2Client, id: string, region: string, ui: BuildUi, signal: AbortSignal): Promise<boolean> {
  try {
    await deleteImage(ec2, id, signal);
    return true;
  } catch (e) {
    ui.error(`Error deleting AMI ${id} (${region}), may still be around: ${errorMessage(e)}`);
    return false;
  }
}
