import { resolve } from 'node:path';
import { BUILDER_ID, IMPORT_BUILDER_ID, imageArtifact } from '../../src/providers/docker/artifact.js';
import { connectDocker } from '../../src/providers/docker/connect.js';
import { importTarball } from '../../src/providers/docker/driver.js';
import type { PostProcessorPlugin } from '../../src/plugin/plugins.js';
import { declareConfig, opt } from '../../src/plugin/config.js';

const dockerImportConfig = declareConfig({
  repository: opt.string('The repository of the new image.').required(),
  tag: opt.string('The tag of the new image.'),
  changes: opt.strings('Dockerfile instructions applied to the image (CMD, ENTRYPOINT, ENV...).'),
  platform: opt.string('The platform of the image (linux/amd64...).'),
});

/** docker-import: makes an image from the tar file a docker build exported (`export_path`). */
export const dockerImportPostProcessor: PostProcessorPlugin<typeof dockerImportConfig> = {
  kind: 'post-processor',
  type: 'docker-import',
  config: dockerImportConfig,
  create: async (config) => {
    return {
      postProcess: async (ctx, artifact) => {
        if (artifact.builderId !== BUILDER_ID || artifact.files.length === 0) {
          throw new Error(`Unknown artifact type: ${artifact.builderId}\nCan only import from Docker builder artifacts.`);
        }
        const { docker } = await connectDocker(ctx.env, ctx);
        const name = config.tag ? `${config.repository}:${config.tag}` : config.repository;
        ctx.ui.message(`Importing image: ${artifact.id}`);
        ctx.ui.message(`Repository: ${name}`);
        const id = await importTarball(docker, resolve(ctx.cwd, artifact.files[0]!), { repo: config.repository, tag: config.tag, changes: config.changes, platform: config.platform, signal: ctx.signal });
        ctx.ui.message(`Imported ID: ${id}`);
        return { artifact: imageArtifact(docker, name, { builderId: IMPORT_BUILDER_ID, state: artifact.state, imageId: id }), keep: false, forceOverride: false };
      },
    };
  },
};
