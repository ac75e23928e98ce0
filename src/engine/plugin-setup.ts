import type { Diagnostic } from '../diag/diagnostic.js';
import { hasErrors } from '../diag/diagnostic.js';
import type { Value } from '../value/value.js';
import type { Configure } from '../plugin/plan.js';
import type { PluginConfig } from '../plugin/config.js';

import { ConfigError, InternalError } from '../plugin/errors.js';

/**
 * Decodes a plugin's configuration to run it now: a value that is not known is an error, as is any configuration
 * error; they become a ConfigError with the rendered diagnostics, and the plugin does not start. The sensitive
 * values it holds (some known only now: derived from `build.*` data) are hidden from then on, errors included.
 */
export function configureNow(
  configure: Configure,
  extra: Record<string, Value>,
  env: { renderDiagnostics: (d: Diagnostic[]) => string; keepSecrets: (texts: readonly string[]) => void },
): PluginConfig {
  const { config, diagnostics, sensitive } = configure(extra, { requireKnown: true });
  env.keepSecrets(sensitive ?? []);
  const render = env.renderDiagnostics;
  if (hasErrors(diagnostics)) throw new ConfigError(diagnostics, render(diagnostics));
  return config;
}

/** Looks a plugin up by type; plans only name available plugins, so a miss is a bug. */
export function pluginOf<P>(table: Readonly<Record<string, P>>, type: string, kind: string): P {
  const p = Object.hasOwn(table, type) ? table[type] : undefined;
  if (!p) throw new InternalError(`The ${kind} "${type}" is not available`);
  return p;
}
