import type { PostProcessorPlugin } from '../../src/plugin/plugins.js';
import { artificeArtifact } from './artifact.js';
import { artificeSchema, type ArtificeConfig } from './config.js';
import { expandGlob } from './expand.js';

/** artifice: replaces the artifact by the files it names (globs); patterns that match nothing add nothing. */
export const artificePostProcessor: PostProcessorPlugin = {
  kind: 'post-processor',
  type: 'artifice',
  schema: artificeSchema,
  create: async (raw) => {
    const config = raw as unknown as ArtificeConfig;
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
