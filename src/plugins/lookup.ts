import { errorDiag, type Diagnostic } from '../diag/diagnostic.js';
import { didYouMean } from '../diag/suggest.js';
import type { BuilderPlugin, PostProcessorPlugin, ProvisionerPlugin } from '../plugin/plugins.js';
import type { ConfigSchema } from '../plugin/config-schema.js';
import type { Range } from '../hcl/ast.js';
import { isKnownPluginType, PACKER_PLUGIN_TYPES } from './catalog.js';

/** The plugins tsbuild has, by Packer type name. Definitions are light: heavy clients load in `create`. */
export interface PluginTable {
  builders: Readonly<Record<string, BuilderPlugin>>;
  provisioners: Readonly<Record<string, ProvisionerPlugin>>;
  postProcessors: Readonly<Record<string, PostProcessorPlugin>>;
}

export type PluginKind = 'builder' | 'provisioner' | 'post-processor';

/**
 * A plugin's configuration schema by type; when tsbuild has no such plugin, the diagnostic that says so: an unknown
 * type (with "Did you mean") when Packer has none either, else "not available".
 */
export function lookupSchema(plugins: PluginTable, kind: PluginKind, type: string, at: Range | undefined): { schema?: ConfigSchema; diagnostic?: Diagnostic } {
  const table = kind === 'builder' ? plugins.builders : kind === 'provisioner' ? plugins.provisioners : plugins.postProcessors;
  const plugin = Object.hasOwn(table, type) ? table[type] : undefined;
  if (plugin) return { schema: plugin.schema };
  if (!isKnownPluginType(kind, type)) {
    return { diagnostic: errorDiag(`Unknown ${kind} type "${type}"`, `There is no ${kind} named "${type}".${didYouMean(type, PACKER_PLUGIN_TYPES[kind])}`, at) };
  }
  return {
    diagnostic: errorDiag(`The ${kind} "${type}" is not available`, `tsbuild does not implement the ${kind} "${type}" (available: ${Object.keys(table).sort().join(', ')}).`, at),
  };
}
