import type { PostProcessorPlugin } from '../../src/plugin/plugins.js';
import { artificeArtifact } from './artifact.js';
import { artificeConfig } from './config.js';
import { expandGlob } from './expand.js';

/** artifice: replaces the artifact by the files it names (globs); patterns that match nothing add nothing. */
export const artificePostProcessor: PostProcessorPlugin<typeof artificeConfig> = {
  kind: 'post-processor',
  type: 'artifice',
  config: artificeConfig,
  create: async (config) => {
    return {
      postProcess: async (ctx, input) => {
        if (input.files.length > 0) ctx.ui.say(`Discarding files from artifact: ${input.files.join(', ')}`);
        const files = (await Promise.all(config.files.map((p) => expandGlob(p, ctx.cwd)))).flat();
        const artifact = artificeArtifact(files, ctx.cwd);
        ctx.ui.say(`Using these artifact files: ${files.join(', ')}`);
        return { artifact, keep: true, forceOverride: false };
      },
    };
  },
};
