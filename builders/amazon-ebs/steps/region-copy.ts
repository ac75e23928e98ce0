import { CopyImageCommand } from '@aws-sdk/client-ec2';
import type { Step } from '../../../src/engine/steps.js';
import type { RunContext } from '../../../src/plugin/context.js';
import { ec2Call } from '../ec2-call.js';
import { snapshotsOf, waitAvailable } from '../images.js';
import type { EbsState, MadeImage } from '../state.js';
import { dropImage, recordImage } from './create-ami.js';

/** The regions the AMI is copied to, with each copy's KMS key ('' for the region's default) when encrypted. */
function targets(state: EbsState): { region: string; encrypt: boolean; kmsKeyId?: string }[] {
  const c = state.config;
  const encrypt = c.encrypt_boot === true;
  const out = [...new Set(c.ami_regions ?? [])]
    .filter((r) => r !== state.region)
    .map((region) => ({ region, encrypt, kmsKeyId: c.region_kms_key_ids?.[region] || undefined }));
  // Encrypting: the build region's AMI is a copy of the intermediary too.
  if (encrypt) out.unshift({ region: state.region, encrypt, kmsKeyId: c.kms_key_id || undefined });
  return out;
}

/** Asks for the copy (in order, as Packer lists them), then waits for it. */
async function copyTo(state: EbsState, ctx: RunContext, source: MadeImage, t: ReturnType<typeof targets>[number]): Promise<void> {
  const c = state.config;
  const ec2 = state.clientFor(t.region);
  ctx.ui.message(`Copying to: ${t.region}`);
  const made = recordImage(state, ctx, t.region, c.ami_name!, false);
  const out = await ec2Call(ctx.signal, `Error Copying AMI (${source.id}) to region (${t.region})`, (o) =>
    ec2.send(
      new CopyImageCommand({
        SourceImageId: source.id,
        SourceRegion: state.region,
        Name: c.ami_name,
        Encrypted: t.encrypt || undefined,
        KmsKeyId: t.kmsKeyId,
      }),
      o,
    ),
  );
  made.id = out.ImageId!;
  ctx.journal.update(made.record, { id: made.id });
  const image = await waitAvailable(ec2, state.poller, made.id, t.region, ctx.ui, ctx.signal);
  state.snapshots.set(made.id, snapshotsOf(image));
  state.amis.set(t.region, made.id);
}

/**
 * Packer's StepAMIRegionCopy: copies the AMI to every region of ami_regions at once (encrypted with
 * region_kms_key_ids when encrypt_boot), and with encrypt_boot also to the build region, after which the
 * intermediary AMI is deleted.
 */
export const stepRegionCopy: Step<EbsState> = {
  name: 'StepAMIRegionCopy',
  run: async (state, ctx) => {
    const list = targets(state);
    if (list.length === 0) return;
    const source = state.images.find((m) => m.region === state.region && m.id)!;
    ctx.ui.say(`Copying/Encrypting AMI (${source.id}) to other regions...`);
    const copies = list.map((t) => copyTo(state, ctx, source, t));
    ctx.ui.message('Waiting for all copies to complete...');
    const results = await Promise.allSettled(copies);
    const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) throw failed.reason;
  },
  // As Packer, the unencrypted intermediary goes once the AMI is finished (or the build failed).
  cleanup: async (state, ctx) => {
    const intermediary = state.images.find((m) => m.intermediary);
    if (!intermediary) return;
    ctx.ui.say('Deregistering the AMI and deleting unencrypted temporary AMIs and snapshots');
    await dropImage(state, intermediary, ctx);
  },
};
