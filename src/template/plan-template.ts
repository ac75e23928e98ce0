import { hasErrors, type Diagnostic } from '../diag/diagnostic.js';
import type { BuildPlan } from '../plugin/plan.js';
import { loadJsonTemplate } from '../json-template/load.js';
import type { PluginTable } from '../plugins/lookup.js';
import { isLegacyJson } from './files.js';
import { loadTemplate, type LoadOptions } from './load.js';
import { planBuilds } from './plan.js';
import { makeRedactor } from './redact.js';

export interface PlannedTemplate {
  plans: BuildPlan[];
  diagnostics: Diagnostic[];
  /** Text of every file read, for diagnostics. */
  sources: Map<string, string>;
  /** Hides the values of sensitive variables (and locals) in any text. */
  redact: (s: string) => string;
}

/**
 * Reads a template, HCL2 or legacy JSON, and plans its builds: the one entry the commands use, so that they never
 * ask which format they got. With `syntax` mode nothing is planned; otherwise every plugin configuration is checked.
 */
export async function planTemplate(target: string, opts: LoadOptions & { plugins: PluginTable }): Promise<PlannedTemplate> {
  if (isLegacyJson(target)) {
    const json = await loadJsonTemplate(target, opts);
    return { plans: json.plans, diagnostics: json.diagnostics, sources: json.sources, redact: makeRedactor(json.variables) };
  }
  const loaded = await loadTemplate(target, opts);
  const redact = makeRedactor(loaded.variables, loaded.locals);
  if (opts.mode === 'syntax' || hasErrors(loaded.diagnostics)) {
    return { plans: [], diagnostics: loaded.diagnostics, sources: loaded.sources, redact };
  }
  const planned = planBuilds(loaded, opts.plugins, { check: true });
  return { plans: planned.plans, diagnostics: [...loaded.diagnostics, ...planned.diagnostics], sources: loaded.sources, redact };
}
