import { runSteps } from '../../src/engine/steps.js';
import { stepProvision } from '../../src/steps/provision.js';
import type { BuilderPlugin } from '../../src/plugin/plugins.js';
import { fileArtifact } from './artifact.js';
import { fileConfig } from './config.js';
import { stepWriteTarget, type FileState } from './steps/write-target.js';

/** The file builder: writes a file from `content` or a `source` copy; the file is the artifact. */
export const fileBuilder: BuilderPlugin<typeof fileConfig> = {
  kind: 'builder',
  type: 'file',
  config: fileConfig,
  create: async (config) => ({
    run: async (ctx, provision) => {
      const state: FileState = { config };
      await runSteps([stepWriteTarget, stepProvision<FileState>(provision, () => undefined, () => ({}))], state, ctx);
      return fileArtifact(state.config.target, ctx.cwd);
    },
  }),
};
