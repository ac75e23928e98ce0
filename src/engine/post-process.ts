// Post-processor chains exactly as Packer's CoreBuild.Run: every chain starts from the builder's artifact; a
// post-processor's input is kept (added to the results) or destroyed by `keep_input_artifact`, unless the
// post-processor forces keeping it; the builder's artifact is kept when the first post-processor of any chain
// keeps its input, or when there are no post-processors at all.

import { errorMessage } from '../plugin/errors.js';
import { configureNow, pluginOf } from './plugin-setup.js';
import type { BuildEnv } from './build-env.js';
import type { Artifact } from '../plugin/artifact.js';
import type { GeneratedData } from '../plugin/plugins.js';
import type { PostProcessorStep } from '../plugin/plan.js';
import { isCancellation } from './cancel.js';

export interface PostProcessOutcome {
  artifacts: Artifact[];
  /** Each with the post-processor's own error as its cause. */
  errors: Error[];
}

function keepInput(step: PostProcessorStep, keep: boolean, forceOverride: boolean): boolean {
  if (step.keepInputArtifact === undefined) return keep;
  if (keep && !step.keepInputArtifact && forceOverride) return true;
  return step.keepInputArtifact;
}

export async function runPostProcessors(chains: readonly PostProcessorStep[][], built: Artifact, data: GeneratedData, env: BuildEnv): Promise<PostProcessOutcome> {
  const { ctx } = env;
  const artifacts: Artifact[] = [];
  const errors: Error[] = [];
  let keepOriginal = chains.length === 0;
  chains: for (const chain of chains) {
    let prior = built;
    for (const [i, step] of chain.entries()) {
      if (ctx.signal.aborted) break chains;
      ctx.ui.say(step.name === step.type ? `Running post-processor: ${step.type}` : `Running post-processor: ${step.name} (type ${step.type})`);
      let result;
      try {
        const config = configureNow(step.configure, env.extraValues(data), env);
        const pp = await pluginOf(env.plugins.postProcessors, step.type, 'post-processor').create(config);
        result = await pp.postProcess({ ...ctx, ui: ctx.ui.withSuffix(step.type) }, prior);
      } catch (e) {
        if (isCancellation(e) || ctx.signal.aborted) break chains;
        errors.push(new Error(`Post-processor failed: ${errorMessage(e)}`, { cause: e }));
        continue chains;
      }
      const keep = keepInput(step, result.keep, result.forceOverride);
      if (i === 0) {
        if (keep) keepOriginal = true;
      } else if (keep) {
        artifacts.push(prior);
      } else {
        try {
          await prior.destroy();
        } catch (e) {
          errors.push(new Error(`Failed cleaning up prior artifact: ${errorMessage(e)}; pp is ${step.type}`, { cause: e }));
        }
      }
      prior = result.artifact;
    }
    artifacts.push(prior);
  }
  if (keepOriginal) {
    artifacts.unshift(built);
  } else {
    try {
      await built.destroy();
    } catch (e) {
      errors.push(new Error(`Error destroying builder artifact: ${errorMessage(e)}; bad artifact: [${built.files.join(' ')}]`, { cause: e }));
    }
  }
  return { artifacts, errors };
}
