import { runSteps } from '../../src/engine/steps.js';
import { stepProvision } from '../../src/steps/provision.js';
import type { BuilderPlugin } from '../../src/plugin/plugins.js';
import { fileArtifact } from './artifact.js';
import { fileSchema, type FileConfig } from './config.js';
import { stepWriteTarget, type FileState } from './steps/write-target.js';

/** The file builder: writes a file from `content` or a `source` copy; the file is the artifact. */
export const fileBuilder: BuilderPlugin = {
  kind: 'builder',
  type: 'file',
  schema: fileSchema,
  create: async (config) => ({
    run: async (ctx, provision) => {
      const state: FileState = { config: config as unknown as FileConfig };
      await runSteps([stepWriteTarget, stepProvision<FileState>(provision, () => undefined, () => ({}))], state, ctx);
      return fileArtifact(state.config.target, ctx.cwd);
    },
  }),
};
