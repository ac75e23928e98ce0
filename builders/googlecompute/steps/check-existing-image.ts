import type { Step } from '../../../src/engine/steps.js';
import type { GceState } from '../state.js';

/**
 * Packer's StepCheckExistingImage: the image name must be free in the project. With -force, the existing image is
 * deleted first, as Packer does.
 */
export const stepCheckExistingImage: Step<GceState> = {
  name: 'StepCheckExistingImage',
  run: async (state, ctx) => {
    if (state.config.skip_create_image) return;
    ctx.ui.say('Checking image does not exist...');
    const existing = await state.driver.findImage(state.driver.project, state.imageName, false, ctx.signal);
    if (!existing) return;
    if (!ctx.force) throw new Error(`Image ${state.imageName} already exists.\nUse the force flag to delete it prior to building.`);
    ctx.ui.say(`Deleting previous image: ${state.imageName}`);
    await state.driver.deleteImage(state.imageName, ctx.signal);
  },
};
