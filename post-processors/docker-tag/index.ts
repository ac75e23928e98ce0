import { imageArtifact, imageIdOf } from '../../src/providers/docker/artifact.js';
import { connectDocker } from '../../src/providers/docker/connect.js';
import { tagImage } from '../../src/providers/docker/driver.js';
import type { PostProcessorPlugin } from '../../src/plugin/plugins.js';
import { declareConfig, opt } from '../../src/plugin/config.js';
import { requireImageArtifact } from './accept.js';

export const DOCKER_TAG_ID = 'packer.post-processor.docker-tag';

const dockerTagConfig = declareConfig({
  repository: opt.string('The repository to tag the image into.').required(),
  tag: opt.string('A tag.'),
  tags: opt.strings('More tags.'),
  force: opt.bool("Packer's option for old Docker versions (docker tag -f); tagging always replaces a tag."),
});

/** docker-tag: tags the image a docker build (or docker-import) produced; the result is the tagged image. */
export const dockerTagPostProcessor: PostProcessorPlugin<typeof dockerTagConfig> = {
  kind: 'post-processor',
  type: 'docker-tag',
  config: dockerTagConfig,
  create: async (config) => {
    const tags = [...(config.tag ? [config.tag] : []), ...(config.tags ?? [])];
    return {
      postProcess: async (ctx, artifact) => {
        requireImageArtifact(artifact, 'tag');
        const { docker } = await connectDocker(ctx.env, ctx);
        const names: string[] = [];
        for (const tag of tags.length > 0 ? tags : ['']) {
          ctx.ui.message(`Tagging image: ${artifact.id}`);
          const name = tag ? `${config.repository}:${tag}` : config.repository;
          ctx.ui.message(`Repository: ${name}`);
          await tagImage(docker, artifact.id, config.repository, tag || undefined);
          names.push(name);
        }
        const result = imageArtifact(docker, names[names.length - 1]!, { builderId: DOCKER_TAG_ID, tags: names, state: artifact.state, imageId: imageIdOf(artifact) });
        // Removing the image would remove the tags just made: the input is always kept.
        return { artifact: result, keep: true, forceOverride: true };
      },
    };
  },
};
