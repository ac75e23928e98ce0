import { createInterface } from 'node:readline';
import { errorDiag, hasErrors, type Diagnostic } from '../../diag/diagnostic.js';
import { evaluate } from '../../eval/evaluate.js';
import { createScope, type Scope } from '../../eval/scope.js';
import { functions } from '../../functions/index.js';
import { GoTemplateError } from '../../gotemplate/index.js';
import { parseHCLExpression as parseExpression } from '../../hcl/parser.js';
import { loadJsonTemplate } from '../../json-template/load.js';
import { pluginTable } from '../../plugins/table.js';
import { loadTemplate, type CliVarInput } from '../../template/load.js';
import { templateSecrets } from '../../template/redact.js';
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

/** What a line gives: its value's text, or what is wrong with it. */
type Answer = { text: string } | { diagnostics: Diagnostic[] };

function hclAnswer(scope: Scope, sources: Map<string, string>): (line: string) => Answer {
  return (line) => {
    sources.set(INPUT_NAME, line);
    const parsed = parseExpression(line, INPUT_NAME);
    if (parsed.diagnostics.length > 0) return { diagnostics: parsed.diagnostics };
    const result = evaluate(parsed.expr, scope);
    return result.diagnostics.length > 0 ? { diagnostics: result.diagnostics } : { text: formatValue(result.value) };
  };
}

/** A JSON template's console renders each line as a Go template, as its configuration is rendered. */
function jsonAnswer(render: (text: string) => string): (line: string) => Answer {
  return (line) => {
    try {
      return { text: render(line) };
    } catch (e) {
      if (!(e instanceof GoTemplateError)) throw e;
      return { diagnostics: [errorDiag('Interpolation error', e.message)] };
    }
  };
}

/** Loads the target and says how to answer a line; undefined (after reporting why) when the template is unusable. */
async function answererFor(opts: ConsoleOptions, io: CliIO): Promise<{ answer: (line: string) => Answer; sources: Map<string, string>; redact: (s: string) => string } | undefined> {
  if (!opts.target) return { answer: hclAnswer(bareScope(io), new Map()), sources: new Map(), redact: (s) => s };
  // As Packer's console, data sources run: their values can be looked at.
  const loaded = await loadTemplate(opts.target, { cwd: io.cwd, env: io.env, inputs: opts.inputs, mode: 'console', plugins: pluginTable(), executeDataSources: true });
  if (loaded.legacyJson) {
    const json = await loadJsonTemplate(opts.target, { cwd: io.cwd, env: io.env, inputs: opts.inputs, mode: 'console' });
    const redact = templateSecrets(json).redact;
    reportDiagnostics(io.stdout, json.diagnostics, json, redact);
    if (hasErrors(json.diagnostics) || !json.render) return undefined;
    return { answer: jsonAnswer(json.render), sources: json.sources, redact };
  }
  const redact = templateSecrets(loaded).redact;
  reportDiagnostics(io.stdout, loaded.diagnostics, loaded, redact);
  if (hasErrors(loaded.diagnostics) || !loaded.scope) return undefined;
  return { answer: hclAnswer(loaded.scope, loaded.sources), sources: loaded.sources, redact };
}

/**
 * `tsbuild console`: evaluates one expression per line against the template's variables and locals (for a JSON
 * template, renders each line as a Go template with its user variables).
 * Interactive on a terminal (`exit` or Ctrl-D ends it); when piped, stops at the first error with exit code 1.
 */
export async function runConsole(opts: ConsoleOptions, io: CliIO): Promise<number> {
  const answerer = await answererFor(opts, io);
  if (!answerer) return 1;
  const { answer, sources, redact } = answerer;
  const interactive = Boolean(io.stdin.isTTY);
  const rl = createInterface({ input: io.stdin, output: interactive ? io.stdout : undefined, terminal: interactive });
  if (interactive) rl.setPrompt('> ');
  if (interactive) rl.prompt();
  for await (const line of rl) {
    const text = line.trim();
    if (text === 'exit') break;
    if (text !== '') {
      const a = answer(line);
      if ('diagnostics' in a) {
        reportDiagnostics(io.stdout, a.diagnostics, { sources }, redact);
        if (!interactive) {
          rl.close();
          return 1;
        }
      } else {
        io.stdout.write(redact(a.text) + '\n');
      }
    }
    if (interactive) rl.prompt();
  }
  rl.close();
  return 0;
}
