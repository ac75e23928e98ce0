import { errorDiag, type Diagnostic } from '../diag/diagnostic.js';
import { didYouMean } from '../diag/suggest.js';
import type { BuilderPlugin, DataSourcePlugin, PostProcessorPlugin, ProvisionerPlugin } from '../plugin/plugins.js';
import type { ConfigDeclaration } from '../plugin/config.js';
import type { Range } from '../hcl/ast.js';
import { isKnownPluginType, PACKER_PLUGIN_TYPES, type PluginKind } from './catalog.js';

export type { PluginKind } from './catalog.js';

/** The plugins tsbuild has, by Packer type name. Definitions are light: heavy clients load in `create`/`execute`. */
export interface PluginTable {
  builders: Readonly<Record<string, BuilderPlugin>>;
  provisioners: Readonly<Record<string, ProvisionerPlugin>>;
  postProcessors: Readonly<Record<string, PostProcessorPlugin>>;
  dataSources: Readonly<Record<string, DataSourcePlugin>>;
}

/** How messages name a kind. */
export const KIND_NAMES: Record<PluginKind, string> = { builder: 'builder', provisioner: 'provisioner', 'post-processor': 'post-processor', data: 'data source' };

function tableOf(plugins: PluginTable, kind: PluginKind): Readonly<Record<string, { config: ConfigDeclaration }>> {
  switch (kind) {
    case 'builder':
      return plugins.builders;
    case 'provisioner':
      return plugins.provisioners;
    case 'post-processor':
      return plugins.postProcessors;
    case 'data':
      return plugins.dataSources;
  }
}

/** A plugin type that neither tsbuild nor Packer knows (a typo, most often), with "Did you mean". */
export function unknownTypeDiag(kind: PluginKind, type: string, at: Range | undefined): Diagnostic {
  const name = KIND_NAMES[kind];
  return errorDiag(`Unknown ${name} type "${type}"`, `There is no ${name} named "${type}".${didYouMean(type, PACKER_PLUGIN_TYPES[kind])}`, at);
}

/** The configuration declaration of the plugin of that kind and type, when tsbuild has it. */
export function declarationFor(plugins: PluginTable, kind: PluginKind, type: string): ConfigDeclaration | undefined {
  const table = tableOf(plugins, kind);
  const plugin = Object.hasOwn(table, type) ? table[type] : undefined;
  return plugin?.config;
}

/**
 * A plugin's configuration declaration by type; when tsbuild has no such plugin, the diagnostic that says so: an
 * unknown type (with "Did you mean") when Packer has none either, else "not available".
 */
export function lookupDeclaration(plugins: PluginTable, kind: PluginKind, type: string, at: Range | undefined): { declaration?: ConfigDeclaration; diagnostic?: Diagnostic } {
  const table = tableOf(plugins, kind);
  const declaration = declarationFor(plugins, kind, type);
  if (declaration) return { declaration };
  if (!isKnownPluginType(kind, type)) return { diagnostic: unknownTypeDiag(kind, type, at) };
  const name = KIND_NAMES[kind];
  return {
    diagnostic: errorDiag(`The ${name} "${type}" is not available`, `tsbuild does not implement the ${name} "${type}" (available: ${Object.keys(table).sort().join(', ')}).`, at),
  };
}
