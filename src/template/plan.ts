import { join, resolve } from 'node:path';
import type { Attribute, Body, Range } from '../hcl/ast.js';
import { errorDiag, type Diagnostic } from '../diag/diagnostic.js';
import { uniqueDiagnostics } from '../diag/order.js';
import { evaluate } from '../eval/evaluate.js';
import { childScope, type Scope } from '../eval/scope.js';
import type { BuildPlan, Configure, PostProcessorStep, ProvisionerStep } from '../plugin/plan.js';
import type { ConfigDeclaration, PluginConfig } from '../plugin/config.js';
import { lookupDeclaration, type PluginKind, type PluginTable } from '../plugins/lookup.js';
import { convert, ConversionError } from '../value/convert.js';
import { T, Value, type Type } from '../value/value.js';
import type { PackerFunctionContext } from '../gotemplate/index.js';
import { parseDuration } from './duration.js';
import { buildDataOf, renderConfigStrings } from './interpolate-config.js';
import { PACKER_VERSION } from './version.js';
import type { LoadedTemplate } from './load.js';
import type { BuildDef, PluginUse, SourceUse } from './model.js';
import { checkPlan } from './check-plan.js';
import { decodePluginConfig } from './plugin-config.js';
import { checkTemplateReferences } from './undeclared-references.js';
import { appliesTo, evaluateBuildName, fullBuildName } from './build-names.js';

const PROVISIONER_RESERVED = ['name', 'only', 'except', 'override', 'pause_before', 'max_retries', 'timeout'];
const POST_PROCESSOR_RESERVED = ['name', 'only', 'except', 'keep_input_artifact'];
const SOURCE_RESERVED = ['name'];

/** The contextual `build` object: `build.name` plus the builder's generated data (Host, Port, ID...). */
export const GENERATED_DEFAULTS = ['ID', 'Host', 'Port', 'User', 'Password', 'ConnType', 'PackerRunUUID', 'SSHPublicKey', 'SSHPrivateKey', 'WinRMPassword'];

function evalAs(attr: Attribute | undefined, type: Type, scope: Scope, diags: Diagnostic[]): Value | undefined {
  if (!attr) return undefined;
  const r = evaluate(attr.expr, scope);
  diags.push(...r.diagnostics);
  if (r.diagnostics.length > 0 || !r.value.known || r.value.isNull) return undefined;
  try {
    return convert(r.value, type);
  } catch (e) {
    if (!(e instanceof ConversionError)) throw e;
    diags.push(errorDiag('Incorrect attribute value type', `Inappropriate value for attribute "${attr.name}": ${e.message}.`, attr.expr.range));
    return undefined;
  }
}

function durationMs(attr: Attribute | undefined, scope: Scope, diags: Diagnostic[]): number {
  const v = evalAs(attr, T.string, scope, diags);
  if (!v) return 0;
  const ms = parseDuration(v.asString());
  if (ms === undefined) {
    diags.push(errorDiag(`Failed to parse ${attr!.name} duration`, `"${v.asString()}" is not a duration: use a number with a unit, such as "30s" or "5m".`, attr!.expr.range));
    return 0;
  }
  return ms;
}

function contextScope(scope: Scope, src: SourceUse, buildName: string, extra: Record<string, Value>, generated: readonly string[] = GENERATED_DEFAULTS): Scope {
  const build: Record<string, Value> = { name: Value.string(buildName) };
  for (const k of generated) build[k] = Value.string('');
  Object.assign(build, extra);
  return childScope(scope, { source: Value.object({ name: Value.string(src.localName), type: Value.string(src.type) }), build: Value.object(build) });
}

interface PlanContext {
  scope: Scope;
  plugins: PluginTable;
  diags: Diagnostic[];
  /** The run's start: `{{timestamp}}` is the same everywhere in a run. */
  now: Date;
  /** path.root, for `{{template_dir}}`. */
  root: string;
}

function pluginDeclaration(ctx: PlanContext, kind: PluginKind, type: string, at: Range | undefined): ConfigDeclaration | undefined {
  const found = lookupDeclaration(ctx.plugins, kind, type, at);
  if (found.diagnostic) ctx.diags.push(found.diagnostic);
  return found.declaration;
}

function configureFor(
  ctx: PlanContext,
  src: SourceUse,
  decl: ConfigDeclaration | undefined,
  bodies: Body[],
  reserved: string[],
  scopeFor: (extra: Record<string, Value>) => Scope,
  where: string,
  overrides?: Overrides,
): Configure {
  return (extra, run) => {
    const scope = scopeFor(extra);
    if (!decl) return { config: {}, diagnostics: checkTemplateReferences(bodies, scope), sensitive: [] };
    const context = { cwd: scope.fnContext.cwd, templateDir: ctx.root, env: scope.fnContext.env };
    const fc: PackerFunctionContext = {
      now: ctx.now,
      env: scope.fnContext.env,
      cwd: scope.fnContext.cwd,
      enableEnv: false,
      buildName: src.name,
      buildType: src.type,
      templatePath: join(ctx.root, 'template.pkr.hcl'),
      packerVersion: PACKER_VERSION,
      buildData: buildDataOf(extra),
    };
    const render = (config: PluginConfig, diags: Diagnostic[]) => renderConfigStrings(config, fc, where, bodies[0]?.range, diags);
    const decoded = decodePluginConfig({ bodies, reserved, overrides: overrides?.values, requireKnown: run?.requireKnown, render }, decl, scope, where, context);
    const config = decoded.config;
    return { config, diagnostics: decoded.diagnostics, sensitive: [...decoded.sensitive, ...(overrides?.sensitive ?? [])] };
  };
}

/** A provisioner's `override` values for one source, and the sensitive strings met evaluating them. */
interface Overrides {
  values: Map<string, Value>;
  sensitive: string[];
}

function overridesFor(use: PluginUse, src: SourceUse, scope: Scope, diags: Diagnostic[]): Overrides | undefined {
  const attr = use.reserved.get('override');
  if (!attr) return undefined;
  const r = evaluate(attr.expr, scope);
  diags.push(...r.diagnostics);
  const forSource = r.value.known && !r.value.isNull ? r.value.get(src.localName) : undefined;
  if (!forSource || !forSource.known || forSource.isNull) return undefined;
  return { values: new Map(forSource.entries()), sensitive: r.sensitive };
}

function provisionerStep(ctx: PlanContext, use: PluginUse, src: SourceUse, buildName: string, generated: readonly string[]): ProvisionerStep {
  const scope = contextScope(ctx.scope, src, buildName, {}, generated);
  const name = evalAs(use.reserved.get('name'), T.string, scope, ctx.diags);
  const retries = evalAs(use.reserved.get('max_retries'), T.number, scope, ctx.diags);
  const decl = pluginDeclaration(ctx, 'provisioner', use.type, use.block.labelRanges[0]);
  const overrides = overridesFor(use, src, scope, ctx.diags);
  return {
    type: use.type,
    name: name?.asString() ?? '',
    pauseBeforeMs: durationMs(use.reserved.get('pause_before'), scope, ctx.diags),
    maxRetries: retries?.asNumber() ?? 0,
    timeoutMs: durationMs(use.reserved.get('timeout'), scope, ctx.diags),
    configure: configureFor(ctx, src, decl, [use.block.body], PROVISIONER_RESERVED, (extra) => contextScope(ctx.scope, src, buildName, extra, generated), `provisioner "${use.type}"`, overrides),
  };
}

function postProcessorStep(ctx: PlanContext, use: PluginUse, src: SourceUse, buildName: string, generated: readonly string[]): PostProcessorStep {
  const scope = contextScope(ctx.scope, src, buildName, {}, generated);
  const name = evalAs(use.reserved.get('name'), T.string, scope, ctx.diags);
  const keep = evalAs(use.reserved.get('keep_input_artifact'), T.bool, scope, ctx.diags);
  const decl = pluginDeclaration(ctx, 'post-processor', use.type, use.block.labelRanges[0]);
  return {
    type: use.type,
    name: name?.asString() ?? '',
    keepInputArtifact: keep?.asBool(),
    configure: configureFor(ctx, src, decl, [use.block.body], POST_PROCESSOR_RESERVED, (extra) => contextScope(ctx.scope, src, buildName, extra, generated), `post-processor "${use.type}"`),
  };
}

/**
 * Turns the template's build blocks into one plan per (build, source), named as Packer names builds, with
 * each plugin's configuration ready to be decoded (now, or at run time with the builder's generated data).
 * With `check`, every configuration is decoded once now, with unknown generated data, to report its errors and
 * collect the values of options declared sensitive.
 */
export function planBuilds(loaded: LoadedTemplate, plugins: PluginTable, opts: { check: boolean }): { plans: BuildPlan[]; diagnostics: Diagnostic[]; sensitive: string[] } {
  const diags: Diagnostic[] = [];
  const plans: BuildPlan[] = [];
  const sensitive: string[] = [];
  if (!loaded.scope || !loaded.config) return { plans, diagnostics: diags, sensitive };
  const ctx: PlanContext = { scope: loaded.scope, plugins, diags, now: loaded.scope.fnContext.now(), root: resolve(loaded.scope.fnContext.cwd, loaded.config.root) };
  for (const build of loaded.builds as BuildDef[]) {
    const blockName = evaluateBuildName(build.name, loaded.scope, diags);
    for (const src of build.sources) {
      const def = loaded.config.sources.get(`${src.type}.${src.name}`)!;
      const decl = pluginDeclaration(ctx, 'builder', src.type, def.block.labelRanges[0]);
      const generated = [...GENERATED_DEFAULTS, ...(Object.hasOwn(plugins.builders, src.type) ? plugins.builders[src.type]!.generated ?? [] : [])];
      const unknownData = Object.fromEntries(generated.map((k) => [k, Value.unknown(T.string)]));
      const bodies = src.body ? [def.block.body, src.body] : [def.block.body];
      const plan: BuildPlan = {
        name: fullBuildName(blockName, src),
        builderType: src.type,
        sourceName: src.localName,
        // PACKER_BUILD_NAME and the manifest's name use the declared source name, even when the build renames it.
        packerBuildName: src.name,
        buildBlockName: blockName,
        builder: configureFor(ctx, src, decl, bodies, SOURCE_RESERVED, () => contextScope(ctx.scope, src, blockName, {}), `source "${src.type}" "${src.name}"`),
        provisioners: build.provisioners.filter((p) => appliesTo(p, src)).map((p) => provisionerStep(ctx, p, src, blockName, generated)),
        errorCleanupProvisioner: build.errorCleanupProvisioner && provisionerStep(ctx, build.errorCleanupProvisioner, src, blockName, generated),
        postProcessorChains: build.postProcessorChains
          .map((chain) => chain.filter((p) => appliesTo(p, src)).map((p) => postProcessorStep(ctx, p, src, blockName, generated)))
          .filter((chain) => chain.length > 0),
      };
      plans.push(plan);
      if (opts.check) {
        const checked = checkPlan(plan, unknownData);
        diags.push(...checked.diagnostics);
        sensitive.push(...checked.sensitive);
      }
    }
  }
  return { plans, diagnostics: uniqueDiagnostics(diags), sensitive };
}
