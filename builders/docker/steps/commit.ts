import { resolve } from 'node:path';
import type { Step } from '../../../src/engine/steps.js';
import { Value } from '../../../src/value/value.js';
import type { DockerState } from '../state.js';

/** Packer's StepCommit: the container becomes an image, with `changes`, `author` and `message`. */
export const stepCommit: Step<DockerState> = {
  name: 'StepCommit',
  run: async (state, ctx) => {
    ctx.ui.say('Committing the container');
    state.imageId = await state.driver.commitContainer(state.containerId!, { author: state.config.author, message: state.config.message, changes: state.config.changes });
    state.data = { ...state.data, ImageSha256: Value.string(state.imageId) };
    ctx.ui.message(`Image ID: ${state.imageId}`);
  },
};

/** Packer's StepExport: the container's filesystem as a tar file at `export_path` (removed again if the export fails). */
export const stepExport: Step<DockerState> = {
  name: 'StepExport',
  run: async (state, ctx) => {
    ctx.ui.say('Exporting the container');
    await state.driver.exportContainer(state.containerId!, resolve(ctx.cwd, state.config.export_path!), ctx.signal);
  },
};
