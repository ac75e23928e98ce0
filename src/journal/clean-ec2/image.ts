// An AMI a killed run left (in progress, or made by a build that failed afterwards): by its ID, else by its name
// (unique per account and region). It is deregistered, then the snapshots its block device mappings name are
// deleted, and those whose description says CreateImage made them for it ("Created by CreateImage(i-...) for
// ami-... from vol-..."): an AMI in progress may not name its snapshots yet, and one already deregistered (a cleanup
// killed between the two) names none.

import { DeleteSnapshotCommand, DeregisterImageCommand, DescribeImagesCommand, DescribeSnapshotsCommand, type EC2Client, type Image } from '@aws-sdk/client-ec2';
import { retryWhile, unlessNotFound } from './errors.js';

type Env = Readonly<Record<string, string | undefined>>;

async function findImage(ec2: EC2Client, d: Record<string, string>): Promise<Image | undefined> {
  const input = d.id ? { ImageIds: [d.id] } : { Owners: ['self'], Filters: [{ Name: 'name', Values: [d.name!] }] };
  const found = await unlessNotFound(() => ec2.send(new DescribeImagesCommand(input)));
  return found?.Images?.[0];
}

async function snapshotsCreatedFor(ec2: EC2Client, imageId: string): Promise<string[]> {
  const filters = [{ Name: 'description', Values: [`Created by CreateImage(*) for ${imageId} *`] }];
  const found = await ec2.send(new DescribeSnapshotsCommand({ OwnerIds: ['self'], Filters: filters }));
  return (found.Snapshots ?? []).map((s) => s.SnapshotId!);
}

export async function cleanImage(ec2: EC2Client, d: Record<string, string>, env: Env): Promise<'removed' | 'gone'> {
  const image = await findImage(ec2, d);
  const imageId = image?.ImageId ?? d.id;
  const named = (image?.BlockDeviceMappings ?? []).map((m) => m.Ebs?.SnapshotId).filter((s): s is string => Boolean(s));
  // An AMI in progress may not name its snapshots yet.
  const snapshots = [...new Set([...named, ...(imageId ? await snapshotsCreatedFor(ec2, imageId) : [])])];
  let removed = false;
  if (image) removed = Boolean(await unlessNotFound(() => ec2.send(new DeregisterImageCommand({ ImageId: image.ImageId }))));
  for (const id of snapshots) {
    // EC2 may say the snapshot is in use by the AMI for a moment after the AMI is deregistered.
    if (await retryWhile('InvalidSnapshot.InUse', `snapshot ${id} to be released by its AMI`, () => ec2.send(new DeleteSnapshotCommand({ SnapshotId: id })), env)) removed = true;
  }
  return removed ? 'removed' : 'gone';
}
