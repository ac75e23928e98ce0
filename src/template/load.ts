import { resolve } from 'node:path';
import { hasErrors, type Diagnostic } from '../diag/diagnostic.js';
import { inSourceOrder } from '../diag/order.js';
import type { Range } from '../hcl/ast.js';
import { childScope, createScope, type Scope } from '../eval/scope.js';
import { functions } from '../functions/index.js';
import type { FunctionContext } from '../functions/types.js';
import { Value } from '../value/value.js';
import { decodeTemplate } from './decode.js';
import { findTemplateFiles, isLegacyJson, parseFiles } from './files.js';
import { assignVariables, unsetVariableDiag } from './inputs.js';
import { checkSourceTypes, decodeBuild } from './builds.js';
import { findBodyReferences } from './body-references.js';
import { checkRegistryBlock, checkRegistryCount, type RegistryBlockSettings } from './hcp-registry.js';
import { isSelective, namingReferences, selectedReferences, type BuildSelection } from './build-selection.js';
import { keysOf, prerequisiteGraph } from './prerequisite-graph.js';
import { Prerequisites } from './prerequisites.js';
import type { PluginTable } from '../plugins/lookup.js';
import type { BuildDef, TemplateConfig, VarInput } from './model.js';
import { checkPackerBlocks } from './packer-block.js';
import { renderTemplateFile } from './template-file.js';
import { checkValidations } from './validations.js';
import { PACKER_VERSION } from './version.js';

export type CliVarInput = { kind: 'var'; name: string; raw: string } | { kind: 'file'; path: string };

export interface LoadOptions {
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
  /** `-var` and `-var-file` in command-line order. */
  inputs: CliVarInput[];
  /** `syntax`: files, blocks, declarations and the values given (as Packer's parser collects them); `validate`
   * and `build`: also locals, data sources and builds, unset variables are errors; `console`: unset variables are
   * allowed. */
  mode: 'syntax' | 'validate' | 'build' | 'console';
  /** Warn about var files that set undeclared variables: `validate` does unless `-no-warn-undeclared-var`,
   * `build` only with `-warn-on-undeclared-var`, `inspect` and `console` never (as current Packer). */
  warnOnUndeclaredVar?: boolean;
  now?: () => Date;
  /** Data sources' schemas and code. Without it, `data` blocks are checked for a known type only and stay unknown. */
  plugins?: PluginTable;
  /** Run data sources (`build`, `console`, `validate -evaluate-datasources`); otherwise each is an unknown value. */
  executeDataSources?: boolean;
  /** `build -only/-except`: data sources that only builds left out use do not run (and stay unknown). */
  selection?: BuildSelection;
  /** Cancels running data sources. */
  signal?: AbortSignal;
}

export interface LoadedTemplate {
  config?: TemplateConfig;
  /** Text of every file read, for diagnostics. */
  sources: Map<string, string>;
  variables: Map<string, Value>;
  locals: Map<string, Value>;
  /** Data source outputs by `type.name` (those that did not run are unknown): their sensitive parts are hidden. */
  data?: ReadonlyMap<string, Value>;
  /** Where values of sensitive variables are written (defaults, var files): hidden in quoted source lines. */
  sensitiveRanges: Range[];
  builds: BuildDef[];
  /** `type.name` of the data sources that ran, in order. */
  executedDataSources: string[];
  /** Scope with `var`, `local`, `path`, `packer` and every function. */
  scope?: Scope;
  diagnostics: Diagnostic[];
  /** The target is a legacy JSON template (read by src/json-template). */
  legacyJson?: boolean;
  /** The template's `hcp_packer_registry` values (top level, else build level), when it has a valid one. */
  registry?: RegistryBlockSettings;
}

/** Loads a template file or folder and evaluates its variables and locals as far as `mode` asks. */
export async function loadTemplate(target: string, opts: LoadOptions): Promise<LoadedTemplate> {
  const sources = new Map<string, string>();
  const result: LoadedTemplate = { sources, variables: new Map(), locals: new Map(), sensitiveRanges: [], builds: [], executedDataSources: [], diagnostics: [] };
  const diags = result.diagnostics;
  if (isLegacyJson(target)) return { ...result, legacyJson: true };
  const found = await findTemplateFiles(target, opts.cwd);
  if ('severity' in found) {
    diags.push(found);
    return result;
  }
  const parsed = await parseFiles(found.templates, sources, opts.cwd);
  const autoVars = await parseFiles(found.autoVarFiles, sources, opts.cwd, 'variable file');
  const cliFiles = await parseFiles(opts.inputs.flatMap((i) => (i.kind === 'file' ? [i.path] : [])), sources, opts.cwd, 'variable file');
  diags.push(...parsed.diagnostics, ...autoVars.diagnostics, ...cliFiles.diagnostics);

  const fnContext: FunctionContext = {
    baseDir: resolve(opts.cwd, found.root),
    cwd: opts.cwd,
    env: opts.env as Record<string, string | undefined>,
    now: opts.now ?? (() => new Date()),
    renderTemplate: (path, text, vars) => renderTemplateFile(path, text, vars, staticScope),
  };
  const staticScope = createScope({}, functions, fnContext);
  const base = createScope(
    {
      path: Value.object({ cwd: Value.string(resolve(opts.cwd)), root: Value.string(found.root) }),
      packer: Value.object({ version: Value.string(PACKER_VERSION) }),
    },
    functions,
    fnContext,
  );

  const decoded = decodeTemplate(found.root, parsed.files, autoVars.files, staticScope);
  result.config = decoded.config;
  diags.push(...decoded.diagnostics);
  diags.push(...checkPackerBlocks(decoded.config.packerBlocks, staticScope));
  if (hasErrors(parsed.diagnostics) || hasErrors(autoVars.diagnostics) || hasErrors(cliFiles.diagnostics)) return finish(result);

  // Values are collected even by `-syntax-only`, as Packer's parser does: undeclared `-var`s and values
  // of the wrong type are errors there too.
  let fileIndex = 0;
  const inputs: VarInput[] = opts.inputs.map((i) => (i.kind === 'var' ? i : { kind: 'file', file: cliFiles.files[fileIndex++]! }));
  const assigned = assignVariables(decoded.config, { env: opts.env, inputs, warnUndeclaredInFile: opts.warnOnUndeclaredVar === true }, staticScope);
  diags.push(...assigned.diagnostics);
  result.variables = assigned.values;
  result.sensitiveRanges = assigned.sensitiveRanges;
  if (opts.mode === 'syntax') return finish(result);
  // Later stages go on after errors in declarations (what failed to decode is left out), so that every
  // problem of the template is reported in one run.

  const config = decoded.config;
  diags.push(...decoded.duplicates);
  diags.push(...checkSourceTypes(config.sources));
  for (const v of decoded.config.variables.values()) {
    if (!assigned.values.has(v.name)) {
      if (opts.mode !== 'console') diags.push(unsetVariableDiag(v));
    }
  }
  diags.push(...checkValidations(decoded.config, assigned.values, staticScope));

  const varObject = Value.object(
    new Map([...decoded.config.variables.keys()].map((n) => [n, assigned.values.get(n) ?? Value.unknown()])),
  );
  const withVars = childScope(base, { var: varObject });
  const prereqs = new Prerequisites(prerequisiteGraph(config.locals, config.data), withVars, {
    plugins: opts.plugins,
    signal: opts.signal ?? new AbortController().signal,
    env: opts.env,
    cwd: opts.cwd,
  });
  const execute = opts.executeDataSources === true;
  const dataKeys = [...config.data.keys()].map((k) => `data.${k}`);
  if (execute && isSelective(opts.selection)) {
    // What names the builds first, then what the chosen builds use; the rest is evaluated without running anything.
    await prereqs.ensure(keysOf(namingReferences(config.builds), dataKeys), true);
    const named = config.builds.map((b) => decodeBuild(b, config.sources, prereqs.scope()).build);
    // The top-level hcp_packer_registry applies to every build.
    const registry = config.hcpPackerRegistry ? findBodyReferences(config.hcpPackerRegistry.body) : [];
    await prereqs.ensure(keysOf([...selectedReferences(named, config.sources, prereqs.scope(), opts.selection), ...registry], dataKeys), true);
  }
  await prereqs.ensureAll(execute && !isSelective(opts.selection));
  diags.push(...prereqs.diagnostics);
  result.locals = prereqs.locals;
  result.data = prereqs.data;
  result.executedDataSources = prereqs.executed;
  result.scope = prereqs.scope();
  // Builds come last: their dynamic blocks and names may use variables and locals.
  for (const block of config.builds) {
    const b = decodeBuild(block, config.sources, result.scope);
    diags.push(...b.diagnostics);
    result.builds.push(b.build);
  }
  if (config.hcpPackerRegistry) {
    const checked = checkRegistryBlock(config.hcpPackerRegistry, result.scope);
    diags.push(...checked.diagnostics);
    result.registry = checked.settings;
  }
  // One registry configuration per template: the top-level block, else a build block's (more are errors).
  result.registry ??= result.builds.find((b) => b.registrySettings)?.registrySettings;
  diags.push(...checkRegistryCount(config.hcpPackerRegistry, result.builds));
  return finish(result);
}

/** Diagnostics in file and position order, each reported once. */
function finish(result: LoadedTemplate): LoadedTemplate {
  result.diagnostics = inSourceOrder(result.diagnostics, [...result.sources.keys()]);
  return result;
}
