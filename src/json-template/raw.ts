// Reads the structure of a legacy JSON template (packer-plugin-sdk template/parse.go): root keys, builders,
// provisioners and post-processor sequences, with Packer's messages, each located at its key or value.

import type { JsonObject, JsonValue, Range } from '../hcl/ast.js';
import { errorDiag, type Diagnostic } from '../diag/diagnostic.js';
import { didYouMean } from '../diag/suggest.js';
import { parseDuration } from '../template/duration.js';

export const ROOT_KEYS = ['builders', 'description', 'min_packer_version', 'variables', 'sensitive-variables', 'provisioners', 'post-processors', 'error-cleanup-provisioner', 'push', 'comments'];
export const PROVISIONER_RESERVED = ['type', 'only', 'except', 'override', 'pause_before', 'max_retries', 'timeout'];
export const POST_PROCESSOR_RESERVED = ['type', 'name', 'only', 'except', 'keep_input_artifact'];
export const BUILDER_RESERVED = ['type', 'name'];

export type Prop = JsonObject['props'][number];

export interface RawVariable {
  name: string;
  /** undefined for a required (null) variable. */
  default?: string;
  range: Range;
  valueRange: Range;
}

interface RawPlugin {
  type: string;
  /** The plugin's object; its reserved keys are skipped when its configuration is decoded. */
  config: JsonObject;
  range: Range;
  only: string[];
  except: string[];
  onlyRange?: Range;
  exceptRange?: Range;
}

export interface RawBuilder extends RawPlugin {
  /** `name`, or the type. */
  name: string;
  nameRange?: Range;
}

export interface RawProvisioner extends RawPlugin {
  override: Map<string, { config: JsonObject; range: Range }>;
  pauseBeforeMs: number;
  maxRetries?: { text: string; range: Range };
  timeoutMs: number;
}

export interface RawPostProcessor extends RawPlugin {
  name: string;
  keepInputArtifact?: boolean;
}

export interface RawTemplate {
  description?: string;
  minVersion?: { value: string; range: Range };
  variables: RawVariable[];
  sensitive: string[];
  builders: RawBuilder[];
  provisioners: RawProvisioner[];
  cleanupProvisioner?: RawProvisioner;
  postProcessors: RawPostProcessor[][];
  rootRange: Range;
}

const fail = (diags: Diagnostic[], detail: string, range?: Range) => diags.push(errorDiag('Failed to parse template', detail, range));

/** Go's JSON type names, for mapstructure-like messages. */
function jsonTypeName(v: JsonValue): string {
  return { jobject: 'map', jarray: 'slice', jstring: 'string', jnumber: 'float64', jbool: 'bool', jnull: 'nil' }[v.kind];
}

/** Packer rejects a repeated key in any object of the template. */
export function checkDuplicateKeys(v: JsonValue, diags: Diagnostic[]): void {
  if (v.kind === 'jarray') v.items.forEach((i) => checkDuplicateKeys(i, diags));
  if (v.kind !== 'jobject') return;
  const seen = new Set<string>();
  for (const p of v.props) {
    if (seen.has(p.name)) fail(diags, `template has duplicate field: ${p.name}`, p.nameRange);
    seen.add(p.name);
    checkDuplicateKeys(p.value, diags);
  }
}

function prop(obj: JsonObject, name: string): Prop | undefined {
  return obj.props.find((p) => p.name === name);
}

function stringList(obj: JsonObject, name: string, where: string, diags: Diagnostic[]): { values: string[]; range?: Range } {
  const p = prop(obj, name);
  if (!p) return { values: [] };
  const v = p.value;
  if (v.kind === 'jstring') return { values: [v.value], range: v.range };
  if (v.kind === 'jarray' && v.items.every((i) => i.kind === 'jstring')) return { values: v.items.map((i) => (i as { value: string }).value), range: v.range };
  fail(diags, `${where}: '${name}' must be a list of strings, got ${jsonTypeName(v)}`, v.range);
  return { values: [] };
}

/** A scalar as the string mapstructure's weak decoding makes of it. */
function weakString(v: JsonValue): string | undefined {
  if (v.kind === 'jstring') return v.value;
  if (v.kind === 'jnumber') return v.raw;
  if (v.kind === 'jbool') return v.value ? '1' : '0';
  return undefined;
}

function duration(obj: JsonObject, name: string, where: string, diags: Diagnostic[]): number {
  const p = prop(obj, name);
  if (!p) return 0;
  const text = p.value.kind === 'jstring' ? p.value.value : p.value.kind === 'jnumber' ? `${p.value.raw}ns` : undefined;
  const ms = text === undefined ? undefined : parseDuration(text);
  if (ms === undefined) {
    fail(diags, `${where}: Error decoding provisioner: 1 error(s) decoding: '${name}' time: invalid duration "${text ?? jsonTypeName(p.value)}"`, p.value.range);
    return 0;
  }
  return ms;
}

function readProvisioner(v: JsonValue, where: string, diags: Diagnostic[]): RawProvisioner | undefined {
  if (v.kind !== 'jobject') {
    fail(diags, `${where}: Error decoding provisioner: '' expected a map, got '${jsonTypeName(v)}'`, v.range);
    return undefined;
  }
  const typeProp = prop(v, 'type');
  const type = typeProp && weakString(typeProp.value);
  if (!type) {
    fail(diags, `${where}: Provisioner missing 'type'`, v.range);
    return undefined;
  }
  const only = stringList(v, 'only', where, diags);
  const except = stringList(v, 'except', where, diags);
  const override = new Map<string, { config: JsonObject; range: Range }>();
  const ov = prop(v, 'override');
  if (ov?.value.kind === 'jobject') {
    for (const o of ov.value.props) {
      if (o.value.kind === 'jobject') override.set(o.name, { config: o.value, range: o.nameRange });
      else fail(diags, `${where}: override '${o.name}' must be an object`, o.value.range);
    }
  } else if (ov) fail(diags, `${where}: 'override' must be an object`, ov.value.range);
  const retries = prop(v, 'max_retries');
  const retriesText = retries && weakString(retries.value);
  if (retries && retriesText === undefined) fail(diags, `${where}: 'max_retries' must be a number or a string`, retries.value.range);
  return {
    type,
    config: v,
    range: typeProp.value.range,
    only: only.values,
    except: except.values,
    onlyRange: only.range,
    exceptRange: except.range,
    override,
    pauseBeforeMs: duration(v, 'pause_before', where, diags),
    maxRetries: retriesText !== undefined ? { text: retriesText, range: retries!.value.range } : undefined,
    timeoutMs: duration(v, 'timeout', where, diags),
  };
}

function readPostProcessor(v: JsonValue, where: string, diags: Diagnostic[]): RawPostProcessor | undefined {
  const obj: JsonObject = v.kind === 'jstring' ? { kind: 'jobject', props: [{ name: 'type', nameRange: v.range, value: v }], range: v.range } : (v as JsonObject);
  const typeProp = prop(obj, 'type');
  const type = typeProp && weakString(typeProp.value);
  if (!type) {
    fail(diags, `${where}: type is required`, v.range);
    return undefined;
  }
  const only = stringList(obj, 'only', where, diags);
  const except = stringList(obj, 'except', where, diags);
  const keep = prop(obj, 'keep_input_artifact');
  if (keep && keep.value.kind !== 'jbool') fail(diags, `${where}: 'keep_input_artifact' expected type 'bool', got ${jsonTypeName(keep.value)}`, keep.value.range);
  const name = prop(obj, 'name');
  return {
    type,
    name: (name && weakString(name.value)) ?? '',
    config: obj,
    range: typeProp.value.range,
    only: only.values,
    except: except.values,
    onlyRange: only.range,
    exceptRange: except.range,
    keepInputArtifact: keep?.value.kind === 'jbool' ? keep.value.value : undefined,
  };
}

/** A post-processor entry: a type name, an object, or an array of those (a sequence). */
function readPostProcessorChain(v: JsonValue, i: number, diags: Diagnostic[]): RawPostProcessor[] {
  if (v.kind === 'jstring' || v.kind === 'jobject') {
    const pp = readPostProcessor(v, `post-processor ${i}.1`, diags);
    return pp ? [pp] : [];
  }
  if (v.kind !== 'jarray') {
    fail(diags, `post-processor ${i}: bad format`, v.range);
    return [];
  }
  const chain: RawPostProcessor[] = [];
  v.items.forEach((item, j) => {
    const where = `post-processor ${i}.${j + 1}`;
    if (item.kind === 'jarray') fail(diags, `${where}: sequence not allowed to be nested in a sequence`, item.range);
    else if (item.kind !== 'jstring' && item.kind !== 'jobject') fail(diags, `${where}: unknown format`, item.range);
    else {
      const pp = readPostProcessor(item, where, diags);
      if (pp) chain.push(pp);
    }
  });
  return chain;
}

function readBuilders(v: JsonValue, diags: Diagnostic[]): RawBuilder[] {
  const builders: RawBuilder[] = [];
  (v as { items: JsonValue[] }).items.forEach((b, i) => {
    const where = `builder ${i + 1}`;
    if (b.kind !== 'jobject') {
      fail(diags, `${where}: '' expected a map, got '${jsonTypeName(b)}'`, b.range);
      return;
    }
    const typeProp = prop(b, 'type');
    const type = typeProp && weakString(typeProp.value);
    if (!type) {
      fail(diags, `${where}: missing 'type'`, b.range);
      return;
    }
    const nameProp = prop(b, 'name');
    const name = (nameProp && weakString(nameProp.value)) || type;
    if (builders.some((x) => x.name === name)) {
      fail(diags, `${where}: builder with name '${name}' already exists`, nameProp?.value.range ?? typeProp.value.range);
      return;
    }
    builders.push({ type, name, nameRange: nameProp?.value.range, config: b, range: typeProp.value.range, only: [], except: [] });
  });
  return builders;
}

const ARRAY_KEYS: Record<string, string> = { builders: 'Builders', provisioners: 'Provisioners', 'post-processors': 'PostProcessors' };

/** Reads the template's root object. Problems are reported as Packer's "Failed to parse template" errors. */
export function readRawTemplate(root: JsonObject, diags: Diagnostic[]): RawTemplate {
  const t: RawTemplate = { variables: [], sensitive: [], builders: [], provisioners: [], postProcessors: [], rootRange: root.range };
  checkDuplicateKeys(root, diags);
  const unknown = root.props.filter((p) => !ROOT_KEYS.includes(p.name) && !p.name.startsWith('_')).sort((a, b) => (a.name < b.name ? -1 : 1));
  for (const p of unknown) fail(diags, `Unknown root level key in template: '${p.name}'.${didYouMean(p.name, ROOT_KEYS)}`, p.nameRange);
  for (const p of root.props) {
    const v = p.value;
    if (p.name.startsWith('_') && !ROOT_KEYS.includes(p.name)) {
      if (v.kind !== 'jstring') fail(diags, `Failed to cast root level comment value in comment "${p.name}" to string.`, v.range);
      continue;
    }
    if (ARRAY_KEYS[p.name] && v.kind !== 'jarray') {
      fail(diags, `1 error(s) decoding: '${ARRAY_KEYS[p.name]}': source data must be an array or slice, got ${jsonTypeName(v)}`, v.range);
      continue;
    }
    switch (p.name) {
      case 'description':
      case 'min_packer_version':
        if (v.kind !== 'jstring') fail(diags, `1 error(s) decoding: '${p.name}' expected type 'string', got unconvertible type '${jsonTypeName(v)}'`, v.range);
        else if (p.name === 'description') t.description = v.value;
        else t.minVersion = { value: v.value, range: v.range };
        break;
      case 'variables':
        if (v.kind !== 'jobject') fail(diags, `1 error(s) decoding: 'Variables' expected a map, got '${jsonTypeName(v)}'`, v.range);
        else
          for (const vp of v.props) {
            if (vp.value.kind === 'jnull') t.variables.push({ name: vp.name, range: vp.nameRange, valueRange: vp.value.range });
            else if (vp.value.kind === 'jstring') t.variables.push({ name: vp.name, default: vp.value.value, range: vp.nameRange, valueRange: vp.value.range });
            else fail(diags, `variable ${vp.name}: 'Default' expected type 'string', got unconvertible type '${jsonTypeName(vp.value)}'`, vp.value.range);
          }
        break;
      case 'sensitive-variables':
        if (v.kind === 'jarray' && v.items.every((i) => i.kind === 'jstring')) t.sensitive = v.items.map((i) => (i as { value: string }).value);
        else fail(diags, `1 error(s) decoding: 'sensitive-variables' must be a list of variable names`, v.range);
        break;
      case 'builders':
        t.builders = readBuilders(v, diags);
        break;
      case 'provisioners':
        (v as { items: JsonValue[] }).items.forEach((item, i) => {
          const prov = readProvisioner(item, `provisioner ${i + 1}`, diags);
          if (prov) t.provisioners.push(prov);
        });
        break;
      case 'error-cleanup-provisioner':
        t.cleanupProvisioner = readProvisioner(v, 'On Error Cleanup Provisioner error', diags);
        break;
      case 'post-processors':
        (v as { items: JsonValue[] }).items.forEach((item, i) => {
          const chain = readPostProcessorChain(item, i + 1, diags);
          if (chain.length > 0) t.postProcessors.push(chain);
        });
        break;
    }
  }
  return t;
}
