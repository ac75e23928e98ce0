import { hasErrors } from '../../diag/diagnostic.js';
import { pluginTable } from '../../plugins/table.js';
import type { PluginTable } from '../../plugins/lookup.js';
import type { CliVarInput } from '../../template/load.js';
import { planTemplate } from '../../template/plan-template.js';
import type { CliIO } from '../io.js';
import { reportDiagnostics } from '../report.js';

export interface ValidateOptions {
  target: string;
  syntaxOnly: boolean;
  /** `-evaluate-datasources`: run data sources, as Packer does with the flag (by default they are only checked). */
  evaluateDataSources?: boolean;
  inputs: CliVarInput[];
  /** `-no-warn-undeclared-var`: no warning for var files that set undeclared variables. */
  noWarnUndeclaredVar?: boolean;
  plugins?: PluginTable;
}

/** `tsbuild validate`: exit 0 when valid, 1 otherwise, as Packer. A full check decodes every plugin configuration. */
export async function validate(opts: ValidateOptions, io: CliIO): Promise<number> {
  const planned = await planTemplate(opts.target, {
    cwd: io.cwd,
    env: io.env,
    inputs: opts.inputs,
    mode: opts.syntaxOnly ? 'syntax' : 'validate',
    plugins: opts.plugins ?? pluginTable(),
    executeDataSources: opts.evaluateDataSources === true,
    warnOnUndeclaredVar: opts.noWarnUndeclaredVar !== true,
  });
  reportDiagnostics(io.stdout, planned.diagnostics, planned, planned.redact);
  if (hasErrors(planned.diagnostics)) return 1;
  io.stdout.write(opts.syntaxOnly ? 'Syntax-only check passed. Everything looks okay.\n' : 'The configuration is valid.\n');
  return 0;
}
