import type { PostProcessorPlugin } from '../../src/plugin/plugins.js';
import { shellLocalConfig } from '../../provisioners/shell-local/config.js';
import { runShellLocal } from '../../provisioners/shell-local/run.js';

/**
 * shell-local as a post-processor: runs commands on the build host after the build; the artifact's files are in
 * PACKER_ARTIFACT_FILES (one per line). It passes its input through and always keeps it, as Packer's does.
 */
export const shellLocalPostProcessor: PostProcessorPlugin<typeof shellLocalConfig> = {
  kind: 'post-processor',
  type: 'shell-local',
  config: shellLocalConfig,
  create: async (config) => ({
    postProcess: async (ctx, artifact) => {
      await runShellLocal(config, ctx, { PACKER_ARTIFACT_FILES: artifact.files.join('\n') });
      return { artifact, keep: true, forceOverride: true };
    },
  }),
};
