import { hasErrors } from '../../diag/diagnostic.js';
import { defaultRegistry } from '../../engine/registry.js';
import type { PluginRegistry } from '../../plugins/registry.js';
import { loadTemplate, type CliVarInput } from '../../template/load.js';
import { planBuilds } from '../../template/plan.js';
import { makeRedactor } from '../../template/redact.js';
import type { CliIO } from '../io.js';
import { reportDiagnostics } from '../report.js';

export interface ValidateOptions {
  target: string;
  syntaxOnly: boolean;
  inputs: CliVarInput[];
  registry?: PluginRegistry;
}

/** `tsbuild validate`: exit 0 when valid, 1 otherwise, as Packer. */
export async function validate(opts: ValidateOptions, io: CliIO): Promise<number> {
  const loaded = await loadTemplate(opts.target, {
    cwd: io.cwd,
    env: io.env,
    inputs: opts.inputs,
    mode: opts.syntaxOnly ? 'syntax' : 'validate',
  });
  if (loaded.legacyJson) {
    io.stdout.write(`Error: Legacy JSON templates are not supported yet: ${opts.target}\n`);
    return 1;
  }
  // A full check also decodes every plugin configuration against the plugin's schema.
  const planned = opts.syntaxOnly || hasErrors(loaded.diagnostics) ? [] : planBuilds(loaded, opts.registry ?? defaultRegistry(), { check: true }).diagnostics;
  const diags = [...loaded.diagnostics, ...planned];
  reportDiagnostics(io.stdout, diags, loaded, makeRedactor(loaded.variables, loaded.locals));
  if (hasErrors(diags)) return 1;
  io.stdout.write(opts.syntaxOnly ? 'Syntax-only check passed. Everything looks okay.\n' : 'The configuration is valid.\n');
  return 0;
}
