import type { Diagnostic } from '../diag/diagnostic.js';
import type { PluginTable } from '../plugins/lookup.js';
import { Value } from '../value/value.js';
import type { GeneratedData } from '../plugin/plugins.js';
import type { RunContext } from '../plugin/context.js';

/** What running one build needs besides its plan. */
export interface BuildEnv {
  ctx: RunContext;
  plugins: PluginTable;
  renderDiagnostics: (d: Diagnostic[]) => string;
  /** Adds sensitive values of a plugin configuration to what the run's output hides, before the plugin starts. */
  keepSecrets(texts: readonly string[]): void;
  /** Delay between attempts of a provisioner with max_retries. */
  retryDelayMs: number;
  /** `build.*` values for plugin configurations: Packer's defaults, then the builder's generated data. */
  extraValues(data: GeneratedData): Record<string, Value>;
}

/** `build.PackerRunUUID` and the connection values a builder without a communicator leaves empty. */
export function generatedValues(runUuid: string, data: GeneratedData): Record<string, Value> {
  return { ConnType: Value.string('none'), PackerRunUUID: Value.string(runUuid), ...data };
}
