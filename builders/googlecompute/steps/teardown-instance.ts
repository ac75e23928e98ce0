import type { Step } from '../../../src/engine/steps.js';
import type { GceState } from '../state.js';
import { deleteInstance } from './create-instance.js';

/**
 * Packer's StepTeardownInstance: deletes the instance (which shuts it down) and keeps its boot disk for the image;
 * the create step's cleanup deletes the disk once the image is made.
 */
export const stepTeardownInstance: Step<GceState> = {
  name: 'StepTeardownInstance',
  run: async (state, ctx) => {
    // The connection goes with the instance.
    state.comm?.close();
    state.comm = undefined;
    await deleteInstance(state, ctx).catch((e: unknown) => {
      throw new Error(`Error deleting instance. Please delete it manually.\n\nName: ${state.instanceName}\nError: ${(e as Error).message}`, { cause: e });
    });
  },
};
