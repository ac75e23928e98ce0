import type { Step } from '../../../src/engine/steps.js';
import { deleteImage, imagesNamed, snapshotsOf } from '../images.js';
import type { EbsState } from '../state.js';

/** Packer's StepDeregisterAMI: with force_deregister (or -force), AMIs of the same name go first, in every target region. */
export const stepDeregister: Step<EbsState> = {
  name: 'StepDeregisterAMI',
  run: async (state, ctx) => {
    const c = state.config;
    if (!(c.force_deregister || ctx.force) || c.skip_create_ami) return;
    for (const region of new Set([state.region, ...(c.ami_regions ?? [])])) {
      const ec2 = state.clientFor(region);
      for (const image of await imagesNamed(ec2, c.ami_name!, ctx.signal)) {
        await deleteImage(ec2, image.ImageId!, ctx.signal, c.force_delete_snapshot === true);
        ctx.ui.say(`Deregistered AMI ${c.ami_name}, id: ${image.ImageId}`);
        if (c.force_delete_snapshot) for (const snap of snapshotsOf(image)) ctx.ui.say(`Deleted snapshot: ${snap}`);
      }
    }
  },
};
