import type { BuilderPlugin } from '../../src/plugin/plugins.js';
import { dockerConfig } from './config.js';

/**
 * The docker builder: runs a container from `image` (or a Dockerfile), provisions it through the docker
 * communicator, then commits it to an image, exports its filesystem, or discards it. Talks to the Docker
 * Engine API; the implementation and dockerode load only when a template uses this builder.
 */
export const dockerBuilder: BuilderPlugin<typeof dockerConfig> = {
  kind: 'builder',
  type: 'docker',
  config: dockerConfig,
  generated: ['ImageSha256', 'SourceImageSha256', 'SourceImageDigest'],
  create: async (config) => {
    const { runDockerBuild } = await import('./run.js');
    return { run: (ctx, provision) => runDockerBuild(config, ctx, provision) };
  },
};
