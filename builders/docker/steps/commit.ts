import { resolve } from 'node:path';
import type { Step } from '../../../src/engine/steps.js';
import { Value } from '../../../src/value/value.js';
import type { DockerState } from '../state.js';

/** Packer's StepCommit: the container becomes an image, with `changes`, `author` and `message`. */
export const stepCommit: Step<DockerState> = {
  name: 'StepCommit',
  run: async (state, ctx) => {
    ctx.ui.say('Committing the container');
    // Written down before the commit: a run killed while the daemon commits leaves an image only the journal knows.
    state.imageRecord = ctx.journal.record('docker-image', ctx.buildName, `image committed from container ${state.containerId}`, {
      container: state.containerId!,
      dockerHost: state.driver.endpoint.display,
    });
    state.imageId = await state.driver.commitContainer(state.containerId!, { author: state.config.author, message: state.config.message, changes: state.config.changes });
    ctx.journal.update(state.imageRecord, { id: state.imageId });
    state.data = { ...state.data, ImageSha256: Value.string(state.imageId) };
    ctx.ui.message(`Image ID: ${state.imageId}`);
  },
  cleanup: async (state, ctx) => {
    // A build that stops after the commit (cancelled, or a later step failed) gives no artifact: the image would
    // be left untagged and unknown. One that succeeds keeps it in the journal until the builder has returned it,
    // which hands it over to the user.
    const record = state.imageRecord;
    if (!record || !(ctx.outcome.cancelled || ctx.outcome.halted)) return;
    state.imageRecord = undefined;
    if (state.imageId) {
      ctx.ui.say(`Removing the image committed before the build stopped: ${state.imageId}`);
      await state.driver.removeImage(state.imageId);
    }
    ctx.journal.forget(record);
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
