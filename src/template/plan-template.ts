import { hasErrors, type Diagnostic } from '../diag/diagnostic.js';
import { inSourceOrder } from '../diag/order.js';
import type { BuildPlan } from '../plugin/plan.js';
import { loadJsonTemplate } from '../json-template/load.js';
import type { PluginTable } from '../plugins/lookup.js';
import type { Redact, Secrets } from '../ui/secrets.js';
import type { Value } from '../value/value.js';
import { isLegacyJson } from './files.js';
import type { RegistryBlockSettings } from './hcp-registry.js';
import { loadTemplate, type LoadOptions } from './load.js';
import { planBuilds } from './plan.js';
import { checkTemplateReferences, pluginBodies } from './undeclared-references.js';
import { templateSecrets } from './redact.js';

export interface PlannedTemplate {
  plans: BuildPlan[];
  diagnostics: Diagnostic[];
  /** Text of every file read, for diagnostics. */
  sources: Map<string, string>;
  /** Hides the values of sensitive variables (and locals) in any text, and where they are written in quoted lines. */
  redact: Redact;
  /**
   * What builds hide: also the values of the options plugins declare sensitive (ssh_password, login_password...)
   * and every value derived from a sensitive one that reaches a plugin configuration. Builds add the values known
   * only when a plugin starts. Diagnostics use `redact`, so that `validate` shows a template's own text as it always has.
   */
  secrets: Secrets;
  /** The template's `hcp_packer_registry` values (HCL2 templates; JSON ones name a bucket in the environment). */
  registry?: RegistryBlockSettings;
  /** Data source outputs by `type.name`, and which of them ran (HCL2 templates): a publishing build reads its ancestry there. */
  data?: ReadonlyMap<string, Value>;
  executedDataSources?: readonly string[];
}

/**
 * Reads a template, HCL2 or legacy JSON, and plans its builds: the one entry the commands use, so that they never
 * ask which format they got. With `syntax` mode nothing is planned; otherwise every plugin configuration is checked.
 */
export async function planTemplate(target: string, opts: LoadOptions & { plugins: PluginTable }): Promise<PlannedTemplate> {
  if (isLegacyJson(target)) {
    const json = await loadJsonTemplate(target, opts);
    const secrets = templateSecrets(json);
    return { plans: json.plans, diagnostics: json.diagnostics, sources: json.sources, redact: secrets.redact, secrets: withPluginSecrets(secrets, json.sensitive) };
  }
  const loaded = await loadTemplate(target, opts);
  const secrets = templateSecrets(loaded);
  if (opts.mode === 'syntax') return { plans: [], diagnostics: loaded.diagnostics, sources: loaded.sources, redact: secrets.redact, secrets: secrets.copy() };
  if (hasErrors(loaded.diagnostics)) {
    // Configurations are not checked with values that failed, but references to undeclared names in them are.
    const references = loaded.scope ? checkTemplateReferences(pluginBodies(loaded), loaded.scope) : [];
    const diagnostics = inSourceOrder([...loaded.diagnostics, ...references], [...loaded.sources.keys()]);
    return { plans: [], diagnostics, sources: loaded.sources, redact: secrets.redact, secrets: secrets.copy() };
  }
  const planned = planBuilds(loaded, opts.plugins, { check: true });
  const result: PlannedTemplate = { plans: planned.plans, diagnostics: [...loaded.diagnostics, ...planned.diagnostics], sources: loaded.sources, redact: secrets.redact, secrets: withPluginSecrets(secrets, planned.sensitive) };
  if (loaded.registry) result.registry = loaded.registry;
  if (loaded.data) result.data = loaded.data;
  result.executedDataSources = loaded.executedDataSources;
  return result;
}

function withPluginSecrets(secrets: Secrets, texts: readonly string[]): Secrets {
  const build = secrets.copy();
  build.add(texts);
  return build;
}
