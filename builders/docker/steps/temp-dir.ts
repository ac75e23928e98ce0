import { mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Step } from '../../../src/engine/steps.js';
import type { DockerState } from '../state.js';

/** Packer's StepTempDir: a host folder shared with the container at `container_dir`. */
export const stepTempDir: Step<DockerState> = {
  name: 'StepTempDir',
  run: async (state, ctx) => {
    ctx.ui.say('Creating a temporary directory for sharing data...');
    state.tempDir = await mkdtemp(join(ctx.tempDir, 'packer-docker-'));
  },
  cleanup: async (state) => {
    if (state.tempDir) await rm(state.tempDir, { recursive: true, force: true });
    state.tempDir = undefined;
  },
};
