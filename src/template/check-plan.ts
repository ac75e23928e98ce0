import type { Diagnostic } from '../diag/diagnostic.js';
import type { BuildPlan } from '../plugin/plan.js';
import type { Value } from '../value/value.js';

/**
 * Decodes every plugin configuration of a plan once, before anything runs (generated data not known yet): their
 * problems, in plan order, and the values of the options they declare sensitive.
 */
export function checkPlan(plan: BuildPlan, unknownData: Record<string, Value>): { diagnostics: Diagnostic[]; sensitive: string[] } {
  const provisioners = [...plan.provisioners, ...(plan.errorCleanupProvisioner ? [plan.errorCleanupProvisioner] : [])];
  const results = [plan.builder({}), ...provisioners.map((p) => p.configure(unknownData)), ...plan.postProcessorChains.flat().map((p) => p.configure(unknownData))];
  return { diagnostics: results.flatMap((r) => r.diagnostics), sensitive: results.flatMap((r) => r.sensitive ?? []) };
}
