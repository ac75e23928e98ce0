import { resolve } from 'node:path';
import { BUILDER_ID, IMPORT_BUILDER_ID, imageArtifact } from '../../src/providers/docker/artifact.js';
import { connectDocker } from '../../src/providers/docker/connect.js';
import { importTarball } from '../../src/providers/docker/driver.js';
import type { PostProcessorPlugin } from '../../src/plugin/plugins.js';
import { T } from '../../src/value/value.js';

interface DockerImportConfig {
  repository: string;
  tag?: string;
  changes?: string[];
  platform?: string;
}

/** docker-import: makes an image from the tar file a docker build exported (`export_path`). */
export const dockerImportPostProcessor: PostProcessorPlugin = {
  kind: 'post-processor',
  type: 'docker-import',
  schema: {
    attributes: { repository: { type: T.string, required: true }, tag: { type: T.string }, changes: { type: T.list(T.string) }, platform: { type: T.string } },
  },
  create: async (raw) => {
    const config = raw as unknown as DockerImportConfig;
    return {
      postProcess: async (ctx, artifact) => {
        if (artifact.builderId !== BUILDER_ID || artifact.files.length === 0) {
          throw new Error(`Unknown artifact type: ${artifact.builderId}\nCan only import from Docker builder artifacts.`);
        }
        const { docker } = await connectDocker(ctx.env);
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
