import { randomBytes } from 'node:crypto';
import { CreateImageCommand } from '@aws-sdk/client-ec2';
import type { CleanupContext, Step } from '../../../src/engine/steps.js';
import { errorMessage } from '../../../src/plugin/errors.js';
import { ec2BlockDeviceMappings } from '../block-mappings.js';
import { ec2Call } from '../ec2-call.js';
import { deleteImageReporting, imagesNamed, snapshotsOf, waitAvailable } from '../images.js';
import type { EbsState, MadeImage } from '../state.js';

/** Packer's name for an AMI made only to be copied: seven random letters and digits. */
function intermediaryName(): string {
  const chars = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
  return [...randomBytes(7)].map((b) => chars[b % chars.length]).join('');
}

/** Writes down an AMI about to be asked for (journal first), and keeps it in the state. */
export function recordImage(state: EbsState, ctx: { journal: CleanupContext['journal']; buildName: string }, region: string, name: string, intermediary: boolean): MadeImage {
  const record = ctx.journal.record('ec2-image', ctx.buildName, `AMI "${name}" (${region})`, { ...state.access(region), name });
  const made: MadeImage = { region, name, record, intermediary };
  state.images.push(made);
  return made;
}

/** Deletes a made AMI (found by name when its ID never came back) and crosses it out; false when it failed. */
export async function dropImage(state: EbsState, made: MadeImage, ctx: CleanupContext): Promise<boolean> {
  const ec2 = state.clientFor(made.region);
  let ids: string[];
  try {
    ids = made.id ? [made.id] : (await imagesNamed(ec2, made.name, ctx.signal)).map((i) => i.ImageId!);
  } catch (e) {
    ctx.ui.error(`${errorMessage(e)}: the journal keeps AMI "${made.name}" (${made.region}) for tsbuild cleanup`);
    return false;
  }
  for (const id of ids) if (!(await deleteImageReporting(ec2, id, made.region, ctx.ui, ctx.signal))) return false;
  ctx.journal.forget(made.record);
  state.images = state.images.filter((m) => m !== made);
  return true;
}

/**
 * Packer's StepCreateAMI: the AMI from the stopped instance, with ami_block_device_mappings. With encrypt_boot it
 * is an intermediary under a random name, which the region copy encrypts and then deletes. When the build fails
 * or is cancelled, cleanup deletes every AMI the build made (copies included) with its snapshots.
 */
export const stepCreateAmi: Step<EbsState> = {
  name: 'StepCreateAMI',
  run: async (state, ctx) => {
    const c = state.config;
    const intermediary = c.encrypt_boot === true;
    const name = intermediary ? intermediaryName() : c.ami_name!;
    ctx.ui.say(`Creating AMI ${name} from instance ${state.instanceId}`);
    const made = recordImage(state, ctx, state.region, name, intermediary);
    const out = await ec2Call(ctx.signal, 'Error creating AMI', (o) =>
      state.ec2.send(
        new CreateImageCommand({
          InstanceId: state.instanceId,
          Name: name,
          BlockDeviceMappings: c.ami_block_device_mappings.length > 0 ? ec2BlockDeviceMappings(c.ami_block_device_mappings) : undefined,
        }),
        o,
      ),
    );
    made.id = out.ImageId!;
    ctx.journal.update(made.record, { id: made.id });
    ctx.ui.message(`AMI: ${made.id}`);
    ctx.ui.say('Waiting for AMI to become ready...');
    const image = await waitAvailable(state.ec2, state.poller, made.id, state.region, ctx.ui, ctx.signal);
    state.snapshots.set(made.id, snapshotsOf(image));
    if (!intermediary) state.amis.set(state.region, made.id);
  },
  cleanup: async (state, ctx) => {
    if (!ctx.outcome.halted && !ctx.outcome.cancelled) return;
    if (state.images.length === 0) return;
    ctx.ui.say('Deregistering the AMI and deleting associated snapshots because of cancellation, or error...');
    await Promise.all([...state.images].map((m) => dropImage(state, m, ctx)));
    state.amis.clear();
  },
};
