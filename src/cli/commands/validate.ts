import { hasErrors } from '../../diag/diagnostic.js';
import { loadTemplate, type CliVarInput } from '../../template/load.js';
import { makeRedactor } from '../../template/redact.js';
import type { CliIO } from '../io.js';
import { reportDiagnostics } from '../report.js';

export interface ValidateOptions {
  target: string;
  syntaxOnly: boolean;
  inputs: CliVarInput[];
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
  reportDiagnostics(io.stdout, loaded.diagnostics, loaded, makeRedactor(loaded.variables, loaded.locals));
  if (hasErrors(loaded.diagnostics)) return 1;
  io.stdout.write(opts.syntaxOnly ? 'Syntax-only check passed. Everything looks okay.\n' : 'The configuration is valid.\n');
  return 0;
}
