// CopyImage, called in the destination region: a new image (pending -> available) whose block devices are new
// snapshots (pending -> completed), copied from an available image the caller can see in SourceRegion; with
// Encrypted, the copies are encrypted under KmsKeyId or the account's default EBS key. Names, descriptions and
// tags are not copied (EC2 copies neither tags nor launch permissions).

import { Ec2Error, invalidParameter, notFound } from '../errors.js';
import { visibleTo } from '../images.js';
import type { Action } from '../context.js';
import type { Image, Snapshot } from '../model.js';
import { boolParam, required } from '../query.js';
import { nowIso } from '../store.js';

/** The account's default EBS key in `region`, as EC2 names it on encrypted snapshots. */
export const defaultEbsKey = (region: string, account: string) => `arn:aws:kms:${region}:${account}:key/00000000-0000-4000-8000-0000000ebs00`;

export const copyImage: Action = ({ params, caller, store, settings, scheduler }) => {
  const sourceId = required(params, 'SourceImageId');
  const sourceRegion = required(params, 'SourceRegion');
  const name = required(params, 'Name');
  if (!settings.regions.includes(sourceRegion)) throw invalidParameter(`Invalid region: ${sourceRegion}`);
  const source = store.get(sourceId);
  if (!source || source.kind !== 'image' || source.region !== sourceRegion || !visibleTo(source, caller)) {
    throw notFound('InvalidAMIID.NotFound', `The image id '[${sourceId}]' does not exist`);
  }
  if (source.state !== 'available') throw new Ec2Error('IncorrectState', `Image ${sourceId} is not in a valid state for copying`);
  const duplicate = store.list('image', caller.region).find((i) => i.ownerId === caller.account && i.name === name);
  if (duplicate) throw new Ec2Error('InvalidAMIName.Duplicate', `AMI name ${name} is already in use by AMI ${duplicate.id}`);
  const encrypt = boolParam(params, 'Encrypted') ?? false;
  const kmsKeyId = params.get('KmsKeyId') || undefined;
  if (kmsKeyId !== undefined && !encrypt) throw invalidParameter('KmsKeyId may only be specified with Encrypted set to true');
  const imageId = store.newId('ami');
  const copies: Snapshot[] = [];
  const blockDevices = source.blockDevices.map((d) => {
    const from = d.snapshotId ? store.get(d.snapshotId) : undefined;
    if (!d.snapshotId || from?.kind !== 'snapshot') return { ...d };
    const encrypted = from.encrypted || encrypt;
    const key = encrypted ? (encrypt ? (kmsKeyId ?? defaultEbsKey(caller.region, caller.account)) : from.kmsKeyId) : undefined;
    const copy = store.add<Snapshot>({
      kind: 'snapshot',
      id: store.newId('snap'),
      region: caller.region,
      ownerId: caller.account,
      volumeId: 'vol-ffffffff',
      state: 'pending',
      volumeSize: from.volumeSize,
      startTime: nowIso(),
      description: `Copied for DestinationAmi ${imageId} from SourceAmi ${sourceId} for SourceSnapshot ${from.id}`,
      encrypted,
      kmsKeyId: key,
      tags: new Map(),
      seeded: false,
    });
    copies.push(copy);
    return { ...d, snapshotId: copy.id, encrypted, kmsKeyId: key };
  });
  const image = store.add<Image>({
    ...source,
    id: imageId,
    region: caller.region,
    ownerId: caller.account,
    ownerAlias: undefined,
    name,
    description: params.get('Description') || undefined,
    state: 'pending',
    isPublic: false,
    launchPermissions: new Set(),
    creationDate: nowIso(),
    deprecationTime: undefined,
    sourceInstanceId: undefined,
    blockDevices,
    tags: new Map(),
    seeded: false,
  });
  scheduler.after(settings.delays.snapshotCompleted, () => {
    for (const c of copies) if (store.get(c.id) === c) c.state = 'completed';
  });
  scheduler.after(Math.max(settings.delays.imageAvailable, settings.delays.snapshotCompleted), () => {
    if (store.get(image.id) === image) image.state = 'available';
  });
  return { imageId: image.id };
};
