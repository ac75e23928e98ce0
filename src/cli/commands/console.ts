import { createInterface } from 'node:readline';
import { hasErrors } from '../../diag/diagnostic.js';
import { evaluate } from '../../eval/evaluate.js';
import { createScope, type Scope } from '../../eval/scope.js';
import { functions } from '../../functions/index.js';
import { parseHCLExpression as parseExpression } from '../../hcl/parser.js';
import { pluginTable } from '../../plugins/table.js';
import { loadTemplate, type CliVarInput } from '../../template/load.js';
import { makeRedactor } from '../../template/redact.js';
import { formatValue } from '../../value/format.js';
import type { CliIO } from '../io.js';
import { reportDiagnostics } from '../report.js';

export interface ConsoleOptions {
  /** A template file or folder; without one, only functions are available. */
  target?: string;
  inputs: CliVarInput[];
}

const INPUT_NAME = '<console-input>';

function bareScope(io: CliIO): Scope {
  return createScope({}, functions, { baseDir: '.', cwd: io.cwd, env: io.env as Record<string, string | undefined>, now: () => new Date() });
}

/**
 * `tsbuild console`: evaluates one expression per line against the template's variables and locals.
 * Interactive on a terminal (`exit` or Ctrl-D ends it); when piped, stops at the first error with exit code 1.
 */
export async function runConsole(opts: ConsoleOptions, io: CliIO): Promise<number> {
  let scope: Scope = bareScope(io);
  let sources = new Map<string, string>();
  let redact = (s: string) => s;
  if (opts.target) {
    // As Packer's console, data sources run: their values can be looked at.
    const loaded = await loadTemplate(opts.target, { cwd: io.cwd, env: io.env, inputs: opts.inputs, mode: 'console', plugins: pluginTable(), executeDataSources: true });
    redact = makeRedactor(loaded.variables, loaded.locals);
    reportDiagnostics(io.stdout, loaded.diagnostics, loaded, redact);
    if (hasErrors(loaded.diagnostics) || !loaded.scope) return 1;
    scope = loaded.scope;
    sources = loaded.sources;
  }
  const interactive = Boolean(io.stdin.isTTY);
  const rl = createInterface({ input: io.stdin, output: interactive ? io.stdout : undefined, terminal: interactive });
  if (interactive) rl.setPrompt('> ');
  if (interactive) rl.prompt();
  for await (const line of rl) {
    const text = line.trim();
    if (text === 'exit') break;
    if (text !== '') {
      sources.set(INPUT_NAME, line);
      const parsed = parseExpression(line, INPUT_NAME);
      const result = parsed.diagnostics.length > 0 ? undefined : evaluate(parsed.expr, scope);
      const diags = result ? result.diagnostics : parsed.diagnostics;
      if (diags.length > 0) {
        reportDiagnostics(io.stdout, diags, { sources }, redact);
        if (!interactive) {
          rl.close();
          return 1;
        }
      } else if (result) {
        io.stdout.write(redact(formatValue(result.value)) + '\n');
      }
    }
    if (interactive) rl.prompt();
  }
  rl.close();
  return 0;
}
