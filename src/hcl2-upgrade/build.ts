// The `build` block: every source, then the provisioners (with only/except/override/pause_before/max_retries/
// timeout), the error-cleanup provisioner and the post-processors (a sequence becomes `post-processors {}`).
// Build names in `only`, `except` and `override` are rewritten to the sources' HCL2 names.

import type { JsonObject, JsonValue, Range } from '../hcl/ast.js';
import type { RawPostProcessor, RawProvisioner, RawTemplate } from '../json-template/raw.js';
import { POST_PROCESSOR_RESERVED, PROVISIONER_RESERVED } from '../json-template/raw.js';
import { declarationFor, type PluginTable } from '../plugins/lookup.js';
import { renderBody, type Prop, type StringTranslator } from './body.js';
import { quoteString } from './hcl-syntax.js';
import { sourceRefs, type UpgradedSource } from './sources.js';
import type { Where } from './translate.js';

export interface BuildContext {
  sources: ReadonlyMap<string, UpgradedSource>;
  plugins?: PluginTable;
  /** A translator for strings found at `where`; it adds what it cannot translate to `notes`. */
  translator(where: Where, notes: string[]): StringTranslator;
}

const str = (value: string, range: Range): JsonValue => ({ kind: 'jstring', value, range });
const list = (values: string[], range: Range): JsonValue => ({ kind: 'jarray', items: values.map((v) => str(v, range)), range });

function comments(notes: string[], indent: string): string[] {
  return notes.map((n) => `${indent}# ${n.replace(/\n/g, ' ')}`);
}

/** The types of the builders a component runs for. */
function typesFor(only: string[], except: string[], ctx: BuildContext): string[] {
  const all = [...ctx.sources.entries()];
  const chosen = all.filter(([name]) => (only.length === 0 || only.includes(name)) && !except.includes(name));
  return chosen.map(([, s]) => s.builder.type);
}

/** only/except as source references, keeping the position of the original keys. */
function filterProps(c: { only: string[]; except: string[]; config: JsonObject }, ctx: BuildContext): Prop[] {
  const props: Prop[] = [];
  for (const key of ['only', 'except'] as const) {
    const p = c.config.props.find((q) => q.name === key);
    if (p && c[key].length > 0) props.push({ ...p, value: list(sourceRefs(c[key], ctx.sources), p.value.range) });
  }
  return props;
}

/** A JSON duration: a Go duration string, or a number of nanoseconds. */
function durationProp(config: JsonObject, key: string): Prop | undefined {
  const p = config.props.find((q) => q.name === key);
  if (!p) return undefined;
  return p.value.kind === 'jnumber' ? { ...p, value: str(`${p.value.raw}ns`, p.value.range) } : p;
}

function overrideProp(prov: RawProvisioner, ctx: BuildContext): Prop | undefined {
  const p = prov.config.props.find((q) => q.name === 'override');
  if (!p || prov.override.size === 0) return undefined;
  const props = [...prov.override].map(([name, o]) => {
    const s = ctx.sources.get(name);
    return { name: s ? s.name : name, nameRange: o.range, value: o.config };
  });
  return { ...p, value: { kind: 'jobject', props, range: p.value.range } };
}

function renderProvisioner(blockType: string, prov: RawProvisioner, ctx: BuildContext): string[] {
  const notes: string[] = [];
  const tr = ctx.translator({ kind: 'build', types: typesFor(prov.only, prov.except, ctx) }, notes);
  const props: Prop[] = prov.config.props.filter((p) => !PROVISIONER_RESERVED.includes(p.name));
  props.push(...filterProps(prov, ctx));
  for (const key of ['pause_before', 'timeout', 'max_retries']) {
    const p = key === 'max_retries' ? prov.config.props.find((q) => q.name === key) : durationProp(prov.config, key);
    if (p) props.push(p);
  }
  const override = overrideProp(prov, ctx);
  if (override) props.push(override);
  const body = renderBody(props, ctx.plugins && declarationFor(ctx.plugins, 'provisioner', prov.type), tr, '    ', notes, ['override']);
  return [...comments(notes, '  '), `  ${blockType} ${quoteString(prov.type)} {`, ...body, '  }', ''];
}

function renderPostProcessor(pp: RawPostProcessor, indent: string, ctx: BuildContext): string[] {
  const notes: string[] = [];
  const tr = ctx.translator({ kind: 'build', types: typesFor(pp.only, pp.except, ctx) }, notes);
  const props: Prop[] = pp.config.props.filter((p) => !POST_PROCESSOR_RESERVED.includes(p.name));
  props.push(...filterProps(pp, ctx));
  const name = pp.config.props.find((q) => q.name === 'name');
  if (name && pp.name !== '' && pp.name !== pp.type) props.push({ ...name, value: str(pp.name, name.value.range) });
  const body = renderBody(props, ctx.plugins && declarationFor(ctx.plugins, 'post-processor', pp.type), tr, indent + '  ', notes);
  const keep = pp.keepInputArtifact === undefined ? [] : [`${indent}  keep_input_artifact = ${pp.keepInputArtifact}`];
  return [...comments(notes, indent), `${indent}post-processor ${quoteString(pp.type)} {`, ...keep, ...body, `${indent}}`];
}

/** The build block's text, or '' when there are no builders. */
export function renderBuild(t: RawTemplate, ctx: BuildContext): string {
  if (ctx.sources.size === 0) return '';
  const lines = ['build {'];
  if (t.description) lines.push(`  description = ${quoteString(t.description)}`, '');
  const refs = [...ctx.sources.values()].map((s) => quoteString(`source.${s.builder.type}.${s.name}`));
  lines.push(`  sources = [${refs.join(', ')}]`, '');
  for (const prov of t.provisioners) lines.push(...renderProvisioner('provisioner', prov, ctx));
  if (t.cleanupProvisioner) lines.push(...renderProvisioner('error-cleanup-provisioner', t.cleanupProvisioner, ctx));
  for (const chain of t.postProcessors) {
    if (chain.length === 1) lines.push(...renderPostProcessor(chain[0]!, '  ', ctx));
    else lines.push('  post-processors {', ...chain.flatMap((pp) => renderPostProcessor(pp, '    ', ctx)), '  }');
  }
  while (lines[lines.length - 1] === '') lines.pop();
  return lines.join('\n') + '\n}\n';
}
