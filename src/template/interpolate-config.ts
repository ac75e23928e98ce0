import { errorDiag, type Diagnostic } from '../diag/diagnostic.js';
import type { PluginConfig } from '../plugin/config.js';
import type { Range } from '../hcl/ast.js';
import { GoTemplateError, packerFunctions, renderGoTemplate, type PackerFunctionContext } from '../gotemplate/index.js';
import type { Value } from '../value/value.js';

/** Generated data as the Go-template `build` function sees it: a string, or null while not known. */
export function buildDataOf(extra: Record<string, Value>): Record<string, string | null> {
  const out: Record<string, string | null> = {};
  for (const [k, v] of Object.entries(extra)) out[k] = v.known && v.type.kind === 'string' && !v.isNull ? v.asString() : v.known && !v.isNull ? String(v.raw) : null;
  return out;
}

/**
 * Renders the Go-template actions in every string of a decoded plugin configuration, as Packer's plugins do when
 * they prepare (`ami_name = "app-{{timestamp}}"`, `"{{build_name}}"`). Data only known later (`{{.Vars}}`,
 * `{{.HTTPIP}}`) is left as written for the plugin to render.
 */
export function renderConfigStrings(config: PluginConfig, fc: PackerFunctionContext, where: string, at: Range | undefined, diags: Diagnostic[]): PluginConfig {
  let funcs: ReturnType<typeof packerFunctions> | undefined;
  const visit = (v: unknown, path: string): unknown => {
    if (typeof v === 'string') {
      if (!v.includes('{{')) return v;
      try {
        funcs ??= packerFunctions(fc);
        return renderGoTemplate(v, { funcs, data: {}, keepUnknownFields: true });
      } catch (e) {
        if (!(e instanceof GoTemplateError)) throw e;
        diags.push(errorDiag('Failed to interpolate a template string', `Error in ${path} of ${where}: ${e.message}`, at));
        return v;
      }
    }
    if (Array.isArray(v)) return v.map((x, i) => visit(x, `${path}[${i}]`));
    if (v !== null && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, visit(x, path ? `${path}.${k}` : k)]));
    return v;
  };
  return visit(config, '') as PluginConfig;
}
