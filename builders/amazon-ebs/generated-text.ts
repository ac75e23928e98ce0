// Options Packer renders at run time with the build's generated data (tags, run_tags, ami_description...):
// `{{ .SourceAMIName }}`, `{{ .BuildRegion }}` and the other `build.*` values.

import { renderGoTemplate } from '../../src/gotemplate/index.js';
import type { GeneratedData } from '../../src/plugin/plugins.js';
import type { Value } from '../../src/value/value.js';

function textOf(v: Value): string {
  try {
    return v.asString();
  } catch {
    return '';
  }
}

/** Renders `text` with `data`; an error names the option it came from. */
export function renderGenerated(text: string, data: GeneratedData, option: string): string {
  if (!text.includes('{{')) return text;
  const fields = Object.fromEntries(Object.entries(data).map(([k, v]) => [k, textOf(v)]));
  try {
    return renderGoTemplate(text, { data: fields });
  } catch (e) {
    throw new Error(`${option}: ${(e as Error).message}`, { cause: e });
  }
}

/** A map option's values rendered (keys too, as Packer renders both). */
export function renderTags(tags: Readonly<Record<string, string>> | undefined, data: GeneratedData, option: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(tags ?? {})) out[renderGenerated(k, data, option)] = renderGenerated(v, data, option);
  return out;
}
