// Reading EC2 Query parameters: flat `Name.N` lists, `Filter.N.Name` / `Filter.N.Value.M` filters and
// `Prefix.N.Field` structures, numbered from 1 as the SDKs send them.

import { invalidParameter, missingParameter } from './errors.js';

export type Params = ReadonlyMap<string, string>;

export function parseParams(body: string): Map<string, string> {
  return new Map(new URLSearchParams(body).entries());
}

/** The values of `Name.1`, `Name.2`, ... in order. */
export function listParam(params: Params, name: string): string[] {
  const out: string[] = [];
  for (let i = 1; params.has(`${name}.${i}`); i++) out.push(params.get(`${name}.${i}`)!);
  return out;
}

/** The structures `Prefix.N.*`, each as its own parameters without the `Prefix.N.` part. */
export function structParams(params: Params, prefix: string): Map<string, string>[] {
  const out: Map<string, string>[] = [];
  for (let i = 1; ; i++) {
    const head = `${prefix}.${i}.`;
    const sub = new Map([...params].filter(([k]) => k.startsWith(head)).map(([k, v]) => [k.slice(head.length), v]));
    if (sub.size === 0) return out;
    out.push(sub);
  }
}

export interface Filter {
  name: string;
  values: string[];
}

export function filterParams(params: Params): Filter[] {
  return structParams(params, 'Filter').map((f) => ({ name: f.get('Name') ?? '', values: listParam(f, 'Value') }));
}

/** `TagSpecification.N.ResourceType` and `.Tag.M.Key/Value`: the tags for each resource type. */
export function tagSpecifications(params: Params): Map<string, Map<string, string>> {
  const out = new Map<string, Map<string, string>>();
  for (const spec of structParams(params, 'TagSpecification')) {
    const type = spec.get('ResourceType') ?? '';
    const tags = out.get(type) ?? new Map<string, string>();
    for (const tag of structParams(spec, 'Tag')) tags.set(tag.get('Key') ?? '', tag.get('Value') ?? '');
    out.set(type, tags);
  }
  return out;
}

export function required(params: Params, name: string): string {
  const v = params.get(name);
  if (v === undefined || v === '') throw missingParameter(name);
  return v;
}

export function boolParam(params: Params, name: string): boolean | undefined {
  const v = params.get(name);
  if (v === undefined) return undefined;
  if (v !== 'true' && v !== 'false') throw invalidParameter(`Invalid value '${v}' for ${name}. Expected a boolean.`);
  return v === 'true';
}

export function intParam(params: Params, name: string): number | undefined {
  const v = params.get(name);
  if (v === undefined) return undefined;
  if (!/^-?\d+$/.test(v)) throw invalidParameter(`Invalid value '${v}' for ${name}. Expected an integer.`);
  return Number(v);
}
