// Turns a JSON template into build plans, one per builder, as Packer's core does (core.go Build): provisioners
// and post-processors filtered by only/except on the builder's name, provisioner overrides merged, and every
// plugin configuration rendered with Packer's functions when it is configured.

import { dirname } from 'node:path';
import type { JsonObject, Range } from '../hcl/ast.js';
import type { Positioner } from '../hcl/position.js';
import { errorDiag, type Diagnostic } from '../diag/diagnostic.js';
import type { BuildPlan, Configure, PostProcessorStep, ProvisionerStep } from '../plugin/plan.js';
import type { ConfigDeclaration } from '../plugin/config.js';
import { toPlain } from '../plugin/decode-config.js';
import { GoTemplateError, packerFunctions, renderGoTemplate, type GoFunction, type PackerFunctionContext } from '../gotemplate/index.js';
import { lookupDeclaration, type PluginTable } from '../plugins/lookup.js';
import { checkPlan } from '../template/check-plan.js';
import { GENERATED_DEFAULTS } from '../template/plan.js';
import { T, Value } from '../value/value.js';
import { decodeJsonConfig, jsonToValue } from './decode-config.js';
import { interpolateJson } from './interpolate.js';
import { trackSensitive } from './sensitive-render.js';
import { BUILDER_RESERVED, POST_PROCESSOR_RESERVED, PROVISIONER_RESERVED, type RawBuilder, type RawPostProcessor, type RawProvisioner, type RawTemplate } from './raw.js';

export interface JsonPlanContext {
  /** Plugins to decode configurations with; without one, `configure` returns the rendered JSON as plain data. */
  plugins?: PluginTable;
  /** Report plugin types tsbuild does not have. */
  checkTypes: boolean;
  userVariables: ReadonlyMap<string, string>;
  /** The names in `sensitive-variables`: values made from them are hidden from the output too. */
  sensitiveVariables?: ReadonlySet<string>;
  templatePath: string;
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
  now: Date;
  packerVersion: string;
  positioner?: Positioner;
}

type Kind = 'builder' | 'provisioner' | 'post-processor';

/**
 * Generated data for `build`: known strings, null for unknown ones. While checking (some value unknown),
 * keys the builder did not announce are unknown too rather than missing.
 */
function buildDataOf(extra: Record<string, Value>): Record<string, string | null> {
  const data: Record<string, string | null> = Object.fromEntries(GENERATED_DEFAULTS.map((k) => [k, '']));
  let checking = false;
  for (const [k, v] of Object.entries(extra)) {
    if (!v.known) checking = true;
    data[k] = !v.known || v.isNull ? null : typeof v.raw === 'string' ? v.raw : String(toPlain(v));
  }
  if (!checking) return data;
  return new Proxy(data, {
    getOwnPropertyDescriptor: (target, key) => Object.getOwnPropertyDescriptor(target, key) ?? { value: null, configurable: true, enumerable: true, writable: true },
    get: (target, key) => (typeof key === 'string' && !Object.hasOwn(target, key) ? null : Reflect.get(target, key)),
  });
}

function plainConfig(objects: JsonObject[], reserved: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const o of objects) for (const p of o.props) if (!reserved.includes(p.name)) out[p.name] = toPlain(jsonToValue(p.value));
  return out;
}

class Planner {
  readonly diags: Diagnostic[] = [];
  constructor(private readonly ctx: JsonPlanContext) {}

  functionContext(buildName: string, buildType: string, buildData?: Record<string, string | null>): PackerFunctionContext {
    const c = this.ctx;
    return { now: c.now, env: c.env, cwd: c.cwd, enableEnv: false, user: (k) => c.userVariables.get(k), buildName, buildType, templatePath: c.templatePath, packerVersion: c.packerVersion, buildData };
  }

  render(text: string, fc: PackerFunctionContext, funcs: Record<string, GoFunction> = packerFunctions(fc)): string {
    return renderGoTemplate(text, { funcs, data: {}, keepUnknownFields: true });
  }

  declaration(kind: Kind, type: string, at: Range): ConfigDeclaration | undefined {
    if (!this.ctx.plugins) return undefined;
    const found = lookupDeclaration(this.ctx.plugins, kind, type, at);
    if (found.diagnostic && this.ctx.checkTypes) this.diags.push(found.diagnostic);
    return found.declaration;
  }

  configure(kind: Kind, type: string, objects: JsonObject[], reserved: string[], where: string, at: Range, fc: (extra: Record<string, Value>) => PackerFunctionContext): Configure {
    const decl = this.declaration(kind, type, at);
    // A plugin tsbuild lacks has nothing to interpret its configuration with: its own template functions
    // (azure-chroot's `vm`, an ISO builder's `.HTTPIP`) would read as errors, and the lookup already said why it
    // cannot run, as Packer stops at a plugin it cannot start before rendering its configuration.
    if (this.ctx.plugins && !decl) return () => ({ config: {}, diagnostics: [] });
    const context = { cwd: this.ctx.cwd, templateDir: dirname(this.ctx.templatePath), env: this.ctx.env };
    return (extra) => {
      const diags: Diagnostic[] = [];
      const funcCtx = fc(extra);
      const tracker = trackSensitive(packerFunctions(funcCtx), this.ctx.sensitiveVariables ?? new Set());
      const render = (s: string) => {
        let out = '';
        try {
          return (out = this.render(s, funcCtx, tracker.funcs));
        } finally {
          tracker.rendered(out);
        }
      };
      const rendered = objects.map((o) => interpolateJson(o, render, where, diags, this.ctx.positioner) as JsonObject);
      if (!decl) return { config: plainConfig(rendered, reserved), diagnostics: diags, sensitive: tracker.found() };
      const r = decodeJsonConfig(rendered, reserved, decl, where, context);
      return { config: r.config, diagnostics: [...diags, ...r.diagnostics], sensitive: [...r.sensitive, ...tracker.found()] };
    };
  }

  provisioner(p: RawProvisioner, index: string, b: RawBuilder, buildName: string): ProvisionerStep {
    const override = p.override.get(b.name);
    let maxRetries = 0;
    if (p.maxRetries) {
      try {
        const text = this.render(p.maxRetries.text, this.functionContext(buildName, b.type));
        maxRetries = /^[+-]?\d+$/.test(text.trim()) ? Number(text.trim()) : NaN;
        if (Number.isNaN(maxRetries)) {
          this.diags.push(errorDiag('Invalid max_retries', `\`max_retries\` must be a valid integer: strconv.Atoi: parsing ${JSON.stringify(text)}: invalid syntax`, p.maxRetries.range));
          maxRetries = 0;
        }
      } catch (e) {
        if (!(e instanceof GoTemplateError)) throw e;
        this.diags.push(errorDiag('Invalid max_retries', `failed to interpolate \`max_retries\`: ${e.message}`, p.maxRetries.range));
      }
    }
    return {
      type: p.type,
      name: '',
      pauseBeforeMs: p.pauseBeforeMs,
      maxRetries,
      timeoutMs: p.timeoutMs,
      configure: this.configure('provisioner', p.type, override ? [p.config, override.config] : [p.config], PROVISIONER_RESERVED, `${index} (${p.type})`, p.range, (extra) =>
        this.functionContext(buildName, b.type, buildDataOf(extra)),
      ),
    };
  }

  postProcessor(p: RawPostProcessor, index: string, b: RawBuilder, buildName: string): PostProcessorStep {
    return {
      type: p.type,
      name: p.name || p.type,
      keepInputArtifact: p.keepInputArtifact,
      configure: this.configure('post-processor', p.type, [p.config], POST_PROCESSOR_RESERVED, `${index} (${p.type})`, p.range, (extra) =>
        this.functionContext(buildName, b.type, buildDataOf(extra)),
      ),
    };
  }

  plan(t: RawTemplate, b: RawBuilder): BuildPlan | undefined {
    let name = b.name;
    try {
      name = this.render(b.name, this.functionContext('', ''));
    } catch (e) {
      if (!(e instanceof GoTemplateError)) throw e;
      this.diags.push(errorDiag('Invalid builder name', `Error interpolating builder '${b.name}': ${e.message}`, b.nameRange));
      return undefined;
    }
    const skip = (o: { only: string[]; except: string[] }) => (o.only.length > 0 ? !o.only.includes(b.name) : o.except.includes(b.name));
    return {
      name,
      builderType: b.type,
      sourceName: name,
      buildBlockName: '',
      builder: this.configure('builder', b.type, [b.config], BUILDER_RESERVED, `builder "${name}" (${b.type})`, b.range, () => this.functionContext(name, b.type)),
      provisioners: t.provisioners.flatMap((p, i) => (skip(p) ? [] : [this.provisioner(p, `provisioner ${i + 1}`, b, name)])),
      errorCleanupProvisioner: t.cleanupProvisioner && this.provisioner(t.cleanupProvisioner, 'error-cleanup-provisioner', b, name),
      postProcessorChains: t.postProcessors
        .map((chain, i) => chain.flatMap((p, j) => (skip(p) ? [] : [this.postProcessor(p, `post-processor ${i + 1}.${j + 1}`, b, name)])))
        .filter((chain) => chain.length > 0),
    };
  }
}

/** Unknown generated data, for checking configurations before anything runs. */
export const UNKNOWN_BUILD_DATA: Record<string, Value> = Object.fromEntries(GENERATED_DEFAULTS.map((k) => [k, Value.unknown(T.string)]));

/**
 * One plan per builder, in template order, named by the builder's `name` (or type). With `check`, every
 * configuration is rendered and decoded once now, with unknown generated data, to report its errors.
 */
export function planJsonBuilds(t: RawTemplate, ctx: JsonPlanContext, opts: { check: boolean }): { plans: BuildPlan[]; diagnostics: Diagnostic[]; sensitive: string[] } {
  const planner = new Planner(ctx);
  const plans = t.builders.flatMap((b) => planner.plan(t, b) ?? []);
  // The same problem reached through several builds is reported once.
  const diags: Diagnostic[] = [];
  const seen = new Set<string>();
  const add = (ds: Diagnostic[]) => {
    for (const d of ds) {
      const key = `${d.summary}|${d.detail}|${d.range?.start.offset}`;
      if (!seen.has(key)) diags.push(d);
      seen.add(key);
    }
  };
  add(planner.diags);
  const sensitive: string[] = [];
  if (opts.check) {
    for (const plan of plans) {
      const checked = checkPlan(plan, UNKNOWN_BUILD_DATA);
      add(checked.diagnostics);
      sensitive.push(...checked.sensitive);
    }
  }
  return { plans, diagnostics: diags, sensitive };
}
