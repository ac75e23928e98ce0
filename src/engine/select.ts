import { matchesAny } from '../util/glob.js';
import type { BuildPlan } from '../plugin/plan.js';

/**
 * Applies -only and -except (globs on build names) as Packer 1.6.6 does for HCL templates: both filter builds;
 * -except also removes post-processors whose name (or, unnamed, type) matches. -only leaves post-processors alone.
 */
export function selectBuilds(plans: readonly BuildPlan[], only: readonly string[], except: readonly string[]): BuildPlan[] {
  return plans
    .filter((p) => (only.length === 0 || matchesAny(only, p.name)) && !matchesAny(except, p.name))
    .map((p) =>
      except.length === 0
        ? p
        : { ...p, postProcessorChains: p.postProcessorChains.map((c) => c.filter((pp) => !matchesAny(except, pp.name || pp.type))).filter((c) => c.length > 0) },
    );
}
