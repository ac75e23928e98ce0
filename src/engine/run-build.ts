import { configureNow, pluginOf } from './plugin-setup.js';
import type { BuildEnv } from './build-env.js';
import { runPostProcessors } from './post-process.js';
import { provisionHook } from './provision.js';
import type { Artifact } from '../plugin/artifact.js';
import { errorMessage } from '../plugin/errors.js';
import type { BuildPlan } from '../plugin/plan.js';

/** Packer's MultiError text. */
export function multiErrorMessage(errors: readonly string[]): string {
  return `${errors.length} error(s) occurred:\n\n${errors.map((e) => `* ${e}`).join('\n')}`;
}

/**
 * Runs one build: the builder (which calls the provisioners through the hook), then the post-processor chains.
 * Resolves with the artifacts to report (undefined when the builder produced none); throws on failure.
 */
export async function runBuild(plan: BuildPlan, env: BuildEnv): Promise<Artifact[] | undefined> {
  const config = configureNow(plan.builder, {}, env);
  const builder = await pluginOf(env.plugins.builders, plan.builderType, 'builder').create(config);
  const artifact = await builder.run(env.ctx, provisionHook(plan.provisioners, plan.errorCleanupProvisioner, env));
  if (!artifact) return undefined;
  if (env.ctx.signal.aborted) {
    await discardCancelled(artifact, env);
    return undefined;
  }
  // The builder's product (an image) now belongs to the user, whatever the post-processors do with it, as in Packer.
  env.ctx.journal.settle(env.ctx.buildName);
  // Post-processors see the generated data the builder's artifact carries (ImageSha256 is known only after a commit).
  const out = await runPostProcessors(plan.postProcessorChains, artifact, artifact.generatedData ?? {}, env);
  if (out.errors.length > 0) throw new AggregateError(out.errors, multiErrorMessage(out.errors.map((e) => e.message)));
  return out.artifacts;
}

/**
 * A build cancelled after its builder made an artifact reports none: what the artifact stands for (an image, files)
 * would be left behind unknown, so it is deleted, and the run's journal crossed out; if deleting fails, it says
 * what is kept (and the journal keeps it for `tsbuild cleanup`).
 */
async function discardCancelled(artifact: Artifact, env: BuildEnv): Promise<void> {
  const { ui, journal, buildName } = env.ctx;
  // The null builder's placeholder image stands for nothing that exists.
  if (artifact.files.length === 0 && artifact.images.every((i) => i.platform === 'null')) {
    journal.settle(buildName);
    return;
  }
  ui.say(`Deleting the artifact of the cancelled build: ${artifact.id}`);
  try {
    await artifact.destroy();
    journal.settle(buildName);
  } catch (e) {
    ui.error(`Could not delete the artifact of the cancelled build (${artifact.id}), which is kept: ${errorMessage(e)}`);
  }
}
