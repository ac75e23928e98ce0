// One `data` block: decoded against its data source's declaration (like any plugin configuration), then, when data
// sources are executed, run; its value is the data source's output object.

import { errorDiag, hasErrors, warningDiag, type Diagnostic } from '../diag/diagnostic.js';
import type { Scope } from '../eval/scope.js';
import type { PluginTable } from '../plugins/lookup.js';
import { isKnownPluginType } from '../plugins/catalog.js';
import { lookupDeclaration, unknownTypeDiag } from '../plugins/lookup.js';
import { convert } from '../value/convert.js';
import { valueFromJSON } from '../value/json.js';
import { Value } from '../value/value.js';
import type { DataDef } from './prerequisite-graph.js';
import { decodePluginConfig } from './plugin-config.js';
import { checkTemplateReferences } from './undeclared-references.js';
import { headerRange } from './variables.js';

export interface DataSourceRunOptions {
  /** Without a plugin table, data blocks are only checked for a known type and their values are unknown. */
  plugins?: PluginTable;
  signal: AbortSignal;
  env: Readonly<Record<string, string | undefined>>;
  cwd: string;
}

export interface DataSourceResult {
  /** The output object; unknown (of the output type, when there is one) when not executed or failed. */
  value: Value;
  /** The block is in error (its users then see an unknown value without reporting it again). */
  failed: boolean;
  /** The data source ran and gave its output. */
  executed?: boolean;
  diagnostics: Diagnostic[];
}

export async function runDataSource(def: DataDef, scope: Scope, execute: boolean, o: DataSourceRunOptions): Promise<DataSourceResult> {
  const at = headerRange(def.block);
  const plugin = o.plugins && Object.hasOwn(o.plugins.dataSources, def.type) ? o.plugins.dataSources[def.type]! : undefined;
  if (!plugin) {
    const diag = o.plugins ? lookupDeclaration(o.plugins, 'data', def.type, def.block.labelRanges[0]).diagnostic : !isKnownPluginType('data', def.type) ? unknownTypeDiag('data', def.type, def.block.labelRanges[0]) : undefined;
    // Checked as the data sources tsbuild has are: references to what the template does not declare.
    const references = o.plugins ? checkTemplateReferences([def.block.body], scope) : [];
    return { value: Value.unknown(), failed: diag !== undefined, diagnostics: diag ? [diag, ...references] : references };
  }
  const unknown = Value.unknown(plugin.outputType);
  const where = `data "${def.type}" "${def.name}"`;
  const context = { cwd: o.cwd, templateDir: scope.fnContext.baseDir, env: o.env };
  const decoded = decodePluginConfig({ bodies: [def.block.body], reserved: [], requireKnown: execute }, plugin.config, scope, where, context);
  const diagnostics = [...decoded.diagnostics];
  if (hasErrors(diagnostics)) return { value: unknown, failed: true, diagnostics };
  if (!execute) return { value: unknown, failed: false, diagnostics };
  try {
    const ui = { warn: (message: string) => diagnostics.push(warningDiag(`Warning from data source "${def.type}.${def.name}"`, message, at)) };
    const out = await plugin.execute(decoded.config, { signal: o.signal, env: o.env, cwd: o.cwd, ui });
    const value = convert(out instanceof Value ? out : valueFromJSON(JSON.stringify(out)), plugin.outputType);
    return { value, failed: false, executed: true, diagnostics };
  } catch (e) {
    const message = o.signal.aborted ? 'Cancelled.' : (e as Error).message;
    diagnostics.push(errorDiag(`Data source "${def.type}.${def.name}" failed`, message, at));
    return { value: unknown, failed: true, diagnostics };
  }
}
