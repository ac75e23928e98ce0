// HCL2 templates of the cloud builders' tests: values and nested blocks rendered as HCL2 text, and a template of
// one source (the harness's options, with the test's) and a build of it.

/** Repeated nested blocks (`launch_block_device_mappings { ... }`), as opposed to a map attribute. */
export class HclBlocks {
  constructor(readonly bodies: readonly Record<string, HclValue>[]) {}
}
export const hclBlocks = (...bodies: Record<string, HclValue>[]) => new HclBlocks(bodies);

export type HclValue = string | number | boolean | readonly HclValue[] | HclBlocks | { readonly [key: string]: HclValue };

/** HCL2 text of a value; strings are quoted (an `${...}` in them stays an interpolation). */
function renderValue(v: HclValue, indent: string): string {
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return `[${v.map((x) => renderValue(x, indent)).join(', ')}]`;
  const entries = Object.entries(v as Record<string, HclValue>);
  if (entries.length === 0) return '{}';
  return `{\n${entries.map(([k, x]) => `${indent}  ${JSON.stringify(k)} = ${renderValue(x, `${indent}  `)}`).join('\n')}\n${indent}}`;
}

export function renderBody(body: Record<string, HclValue>, indent = '  '): string {
  return Object.entries(body)
    .flatMap(([k, v]) =>
      v instanceof HclBlocks ? v.bodies.map((b) => `${indent}${k} {\n${renderBody(b, `${indent}  `)}${indent}}\n`) : [`${indent}${k} = ${renderValue(v, indent)}\n`],
    )
    .join('');
}


export interface SourceTemplateOptions {
  /** Options of the source besides (or replacing) the harness's; undefined removes one. */
  options?: Record<string, HclValue | undefined>;
  /** The build block's provisioners and post-processors (HCL text). */
  build?: string;
  /** The source's name (`x` unless given). */
  name?: string;
}

/** A template with one source of `type`: `defaults` with the test's options, and a build of it. */
export function sourceTemplate(type: string, o: SourceTemplateOptions, defaults: Record<string, HclValue>): string {
  const name = o.name ?? 'x';
  const options: Record<string, HclValue | undefined> = { ...defaults, ...o.options };
  const defined = Object.fromEntries(Object.entries(options).filter((e): e is [string, HclValue] => e[1] !== undefined));
  return `source "${type}" "${name}" {\n${renderBody(defined)}}\n\nbuild {\n  sources = ["source.${type}.${name}"]\n${o.build ?? ''}\n}\n`;
}
