import { stat } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import type { PostProcessorPlugin } from '../../src/plugin/plugins.js';
import { manifestConfig } from './config.js';
import type { ManifestEntry } from './format.js';
import { manifestLockOptions } from './lock-options.js';
import { appendToManifest } from './write.js';

async function fileSize(path: string): Promise<number> {
  try {
    return (await stat(path)).size;
  } catch {
    return 0;
  }
}

/**
 * custom_data with sensitive values replaced by `<sensitive>`, as the output shows them: a manifest is shared more
 * widely than a build's log (Packer 1.6.6 writes them in clear).
 */
function hideSensitive(data: Record<string, string>, redact: (s: string) => string): Record<string, string> {
  return Object.fromEntries(Object.entries(data).map(([k, v]) => [k, redact(v)]));
}

/** manifest: records each build's artifact in a JSON file. Its output is its input, which it always keeps. */
export const manifestPostProcessor: PostProcessorPlugin<typeof manifestConfig> = {
  kind: 'post-processor',
  type: 'manifest',
  config: manifestConfig,
  create: async (config) => {
    return {
      postProcess: async (ctx, artifact) => {
        const files = await Promise.all(artifact.files.map(async (f) => ({ name: config.strip_path ? basename(f) : f, size: await fileSize(resolve(ctx.cwd, f)) })));
        const entry: ManifestEntry = {
          name: ctx.sourceName,
          builder_type: ctx.builderType,
          build_time: config.strip_time ? 0 : Math.floor(ctx.now().getTime() / 1000),
          files: files.length > 0 ? files : null,
          artifact_id: artifact.id,
          packer_run_uuid: ctx.runUuid,
          custom_data: config.custom_data ? hideSensitive(config.custom_data, ctx.ui.redact) : null,
        };
        const output = resolve(ctx.cwd, config.output);
        const lock = manifestLockOptions(ctx.env, (lockFile, why) => ctx.ui.say(`Took over the stale lock ${lockFile} of the manifest: ${why}`));
        await ctx.withLock(output, () => appendToManifest(output, entry, ctx.runUuid, ctx.force, ctx.signal, lock));
        return { artifact, keep: true, forceOverride: true };
      },
    };
  },
};
