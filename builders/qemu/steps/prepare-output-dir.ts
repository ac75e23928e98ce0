import { mkdir, rm, stat } from 'node:fs/promises';
import type { Step } from '../../../src/engine/steps.js';
import type { QemuState } from '../state.js';

/**
 * Packer's stepPrepareOutputDir: the output directory must not exist unless -force (then it is emptied first);
 * a build that fails or is cancelled removes it again.
 */
export const stepPrepareOutputDir: Step<QemuState> = {
  name: 'stepPrepareOutputDir',
  run: async (state, ctx) => {
    const { outputDir, outputDirShown } = state.settings;
    const there = await stat(outputDir).then(
      () => true,
      () => false,
    );
    if (there && !ctx.force) throw new Error(`Output directory '${outputDirShown}' already exists. It must not exist.`);
    if (there) {
      ctx.ui.say('Deleting previous output directory...');
      await rm(outputDir, { recursive: true, force: true });
    }
    await mkdir(outputDir, { recursive: true });
    state.outputDirCreated = true;
  },
  cleanup: async (state, ctx) => {
    if (!state.outputDirCreated || (!ctx.outcome.halted && !ctx.outcome.cancelled)) return;
    state.outputDirCreated = false;
    ctx.ui.say('Deleting output directory...');
    await rm(state.settings.outputDir, { recursive: true, force: true });
  },
};
