import { mkdir, rm, stat } from 'node:fs/promises';
import type { Step } from '../../../src/engine/steps.js';
import type { VmwareState } from '../state.js';

/**
 * Packer's StepOutputDir: the output directory is refused when it exists, unless -force (then it is deleted
 * first); made; deleted again when the build fails or is cancelled.
 */
export const stepOutputDir: Step<VmwareState> = {
  name: 'StepOutputDir',
  run: async (state, ctx) => {
    const dir = state.outputDir;
    ctx.ui.say('Configuring output and export directories...');
    if (await stat(dir).catch(() => undefined)) {
      if (!ctx.force) throw new Error(`Output directory exists: ${dir}\n\nUse the force flag to delete it prior to building.`);
      ctx.ui.say('Deleting previous output directory...');
      await rm(dir, { recursive: true, force: true });
    }
    await mkdir(dir, { recursive: true });
    made.add(state);
  },
  cleanup: async (state, ctx) => {
    if (!made.has(state) || (!ctx.outcome.cancelled && !ctx.outcome.halted)) return;
    made.delete(state);
    ctx.ui.say('Deleting output directory...');
    await rm(state.outputDir, { recursive: true, force: true, maxRetries: 5, retryDelay: 1000 });
  },
};

/** Builds whose output directory this step made (and so may delete). */
const made = new WeakSet<VmwareState>();
