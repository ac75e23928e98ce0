// Loads a legacy JSON template into the same build plans HCL2 templates produce, so that commands never
// ask which format they got.

import { resolve } from 'node:path';
import type { JsonObject, Range } from '../hcl/ast.js';
import { parseHCLJSON } from '../hcl/json.js';
import { createPositioner } from '../hcl/position.js';
import { errorDiag, hasErrors, type Diagnostic } from '../diag/diagnostic.js';
import type { BuildPlan } from '../plugin/plan.js';
import type { PluginTable } from '../plugins/lookup.js';
import type { CliVarInput } from '../template/load.js';
import { packerFunctions, renderGoTemplate } from '../gotemplate/index.js';
import { PACKER_VERSION } from '../template/version.js';
import type { Value } from '../value/value.js';
import { planJsonBuilds } from './plan.js';
import { readSourceFile } from '../template/read-source.js';
import { readRawTemplate, type RawTemplate } from './raw.js';
import { validateRawTemplate } from './validate.js';
import { resolveVariables, sensitiveRanges, type VarSource } from './variables.js';

export interface JsonLoadOptions {
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
  /** `-var` and `-var-file` (JSON files) in command-line order. */
  inputs: CliVarInput[];
  /** `syntax`: structure only (Packer's `validate -syntax-only`); `validate` and `build`: also template checks,
   * variables (required ones must be set) and every plugin configuration; `console`: variables may be unset. */
  mode: 'syntax' | 'validate' | 'build' | 'console';
  /** The plugins to check configurations against; without it, configurations are plain rendered JSON. */
  plugins?: PluginTable;
  /** The run's start time (`timestamp`, `isotime`); defaults to now. */
  now?: () => Date;
}

export interface LoadedJsonTemplate {
  plans: BuildPlan[];
  diagnostics: Diagnostic[];
  /** Text of every file read, for diagnostics. */
  sources: Map<string, string>;
  /** User variables (strings); those listed in `sensitive-variables` are marked 'sensitive'. */
  variables: Map<string, Value>;
  /** The template's structure (for `inspect`), when it could be read. */
  template?: RawTemplate;
  /** Values of the plugin options declared sensitive, and values made from sensitive variables (once configurations are checked). */
  sensitive: string[];
  /** Where the values of sensitive variables are written: hidden in quoted source lines. */
  sensitiveRanges: Range[];
  /** Renders a text as Packer's console renders a line for a JSON template (once variables are worked out). */
  render?: (text: string) => string;
}

/** Invalid UTF-8 is let through (each byte read as U+FFFD), as Packer's JSON decoder does. */
function readJsonObject(path: string, cwd: string, sources: Map<string, string>, diags: Diagnostic[], what: 'template' | 'variable file'): { object?: JsonObject; source?: string } {
  const read = readSourceFile(path, cwd, what);
  if ('severity' in read) {
    diags.push(read);
    return {};
  }
  const source = read.text;
  sources.set(path, source);
  const parsed = parseHCLJSON(source, path);
  diags.push(...parsed.diagnostics);
  if (parsed.diagnostics.length > 0) return { source };
  if (source.trimStart()[0] !== '{') {
    diags.push(errorDiag('Failed to parse template', `The root of "${path}" must be a JSON object.`, parsed.file.body.json?.range));
    return { source };
  }
  return { object: parsed.file.body.json, source };
}

/** Reads, checks and plans a legacy JSON template. */
export async function loadJsonTemplate(path: string, opts: JsonLoadOptions): Promise<LoadedJsonTemplate> {
  const sources = new Map<string, string>();
  const diagnostics: Diagnostic[] = [];
  const result: LoadedJsonTemplate = { plans: [], diagnostics, sources, variables: new Map(), sensitive: [], sensitiveRanges: [] };
  const { object, source } = readJsonObject(path, opts.cwd, sources, diagnostics, 'template');
  if (!object) return result;
  const template = readRawTemplate(object, diagnostics);
  result.template = template;
  if (opts.mode === 'syntax' || hasErrors(diagnostics)) return result;

  diagnostics.push(...validateRawTemplate(template));
  if (hasErrors(diagnostics) && opts.mode !== 'console') return result;
  const inputs: VarSource[] = [];
  for (const input of opts.inputs) {
    if (input.kind === 'var') inputs.push(input);
    else inputs.push({ kind: 'file', path: input.path, object: readJsonObject(input.path, opts.cwd, sources, diagnostics, 'variable file').object });
  }
  result.sensitiveRanges = sensitiveRanges(template, inputs);
  const now = (opts.now ?? (() => new Date()))();
  const templatePath = resolve(opts.cwd, path);
  const vars = resolveVariables(template, {
    env: opts.env,
    cwd: opts.cwd,
    now,
    templatePath,
    packerVersion: PACKER_VERSION,
    inputs,
    requireAll: opts.mode !== 'console',
  });
  diagnostics.push(...vars.diagnostics);
  result.variables = vars.values;
  if (hasErrors(diagnostics)) return result;
  const funcs = packerFunctions({ now, env: opts.env, cwd: opts.cwd, enableEnv: false, user: (k) => vars.strings.get(k), templatePath, packerVersion: PACKER_VERSION });
  result.render = (text) => renderGoTemplate(text, { funcs, data: {} });

  const check = opts.mode === 'validate' || opts.mode === 'build';
  const planned = planJsonBuilds(
    template,
    {
      plugins: opts.plugins,
      checkTypes: check,
      userVariables: vars.strings,
      sensitiveVariables: new Set(template.sensitive),
      templatePath,
      cwd: opts.cwd,
      env: opts.env,
      now,
      packerVersion: PACKER_VERSION,
      positioner: source === undefined ? undefined : createPositioner(source, path),
    },
    { check },
  );
  result.plans = planned.plans;
  result.sensitive = planned.sensitive;
  diagnostics.push(...planned.diagnostics);
  return result;
}
