import { resolve } from 'node:path';
import { connectDocker } from '../../src/providers/docker/connect.js';
import { saveImage } from '../../src/providers/docker/driver.js';
import type { PostProcessorPlugin } from '../../src/plugin/plugins.js';
import { declareConfig, opt } from '../../src/plugin/config.js';
import { requireImageArtifact } from '../docker-tag/accept.js';

/** docker-save: writes the image to a tar file (`docker save`); the artifact passes through unchanged. */
const dockerSaveConfig = declareConfig({ path: opt.string('The tar file to write.').required() });

export const dockerSavePostProcessor: PostProcessorPlugin<typeof dockerSaveConfig> = {
  kind: 'post-processor',
  type: 'docker-save',
  config: dockerSaveConfig,
  create: async ({ path }) => {
    return {
      postProcess: async (ctx, artifact) => {
        requireImageArtifact(artifact, 'save');
        const { docker } = await connectDocker(ctx.env, ctx);
        ctx.ui.message(`Saving image: ${artifact.id}`);
        await saveImage(docker, artifact.id, resolve(ctx.cwd, path), ctx.signal);
        ctx.ui.message(`Saved to: ${path}`);
        return { artifact, keep: true, forceOverride: false };
      },
    };
  },
};
