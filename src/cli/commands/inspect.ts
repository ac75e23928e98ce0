import { hasErrors } from '../../diag/diagnostic.js';
import { evaluate } from '../../eval/evaluate.js';
import type { Expression } from '../../hcl/ast.js';
import type { Scope } from '../../eval/scope.js';
import { loadJsonTemplate } from '../../json-template/load.js';
import { isLegacyJson } from '../../template/files.js';
import { loadTemplate, type CliVarInput, type LoadedTemplate } from '../../template/load.js';
import type { PluginUse } from '../../template/model.js';
import { templateSecrets } from '../../template/redact.js';
import { formatValue } from '../../value/format.js';
import { Value } from '../../value/value.js';
import type { CliIO } from '../io.js';
import { escapeControls } from '../../diag/escape.js';
import { reportDiagnostics } from '../report.js';
import { formatJsonInspect } from './inspect-json.js';

export interface InspectOptions {
  target: string;
  inputs: CliVarInput[];
}

function text(expr: Expression | undefined, scope: Scope | undefined): string | undefined {
  if (!expr || !scope) return undefined;
  const r = evaluate(expr, scope);
  return r.diagnostics.length === 0 && r.value.known && !r.value.isNull ? formatValue(r.value) : undefined;
}

function pluginLabel(use: PluginUse, scope: Scope | undefined): string {
  const name = text(use.name, scope);
  return name ? `${use.type}.${name}` : use.type;
}

/** Packer 1.6.6's `inspect` layout for HCL2 templates. */
export function formatInspect(loaded: LoadedTemplate): string {
  const vars = [...(loaded.config?.variables.keys() ?? [])].sort();
  const locals = [...loaded.locals.keys()].sort();
  const quote = (v: Value | undefined) => JSON.stringify(v ? formatValue(v) : '<unknown>');
  let out = 'Packer Inspect: HCL2 mode\n\n> input-variables:\n\n';
  out += vars.map((n) => `var.${n}: ${quote(loaded.variables.get(n))}\n`).join('') + '\n';
  out += '> local-variables:\n\n' + locals.map((n) => `local.${n}: ${quote(loaded.locals.get(n))}\n`).join('') + '\n';
  out += '> builds:\n\n';
  loaded.builds.forEach((b, i) => {
    out += `  > ${text(b.name, loaded.scope) ?? `<unnamed build ${i}>`}:\n\n`;
    const description = text(b.description, loaded.scope);
    if (description) out += `  > Description: ${description}\n\n`;
    out += '    sources:\n\n' + b.sources.map((s) => `      ${s.type}.${s.name}\n\n`).join('');
    out += '    provisioners:\n\n';
    out += b.provisioners.length === 0 ? '      <no provisioner>\n' : b.provisioners.map((p) => `      ${pluginLabel(p, loaded.scope)}\n`).join('');
    out += '\n    post-processors:\n\n';
    if (b.postProcessorChains.length === 0) out += '      <no post-processor>\n\n';
    b.postProcessorChains.forEach((chain, ci) => {
      out += `      ${ci}:\n` + chain.map((p) => `        ${pluginLabel(p, loaded.scope)}\n`).join('') + '\n';
    });
  });
  return out;
}

/** A JSON template's structure, read without interpolating anything (Packer reads only the template). */
async function inspectJson(opts: InspectOptions, io: CliIO): Promise<number> {
  const loaded = await loadJsonTemplate(opts.target, { cwd: io.cwd, env: io.env, inputs: [], mode: 'syntax' });
  reportDiagnostics(io.stdout, loaded.diagnostics, loaded);
  if (hasErrors(loaded.diagnostics) || !loaded.template) return 1;
  io.stdout.write(escapeControls(formatJsonInspect(loaded.template)));
  return 0;
}

/** `tsbuild inspect`: shows a template's variables, locals and builds. Unset variables show as `<unknown>`. */
export async function inspect(opts: InspectOptions, io: CliIO): Promise<number> {
  if (isLegacyJson(opts.target)) return inspectJson(opts, io);
  const loaded = await loadTemplate(opts.target, { cwd: io.cwd, env: io.env, inputs: opts.inputs, mode: 'console' });
  const redact = templateSecrets(loaded).redact;
  reportDiagnostics(io.stdout, loaded.diagnostics, loaded, redact);
  if (hasErrors(loaded.diagnostics)) return 1;
  io.stdout.write(escapeControls(redact(formatInspect(loaded))));
  return 0;
}
