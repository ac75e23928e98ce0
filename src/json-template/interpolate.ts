// Renders the Go templates in every string of a JSON value, as Packer renders a plugin's configuration,
// reporting an error at the position of the failing action inside the JSON string.

import type { JsonString, JsonValue, Range } from '../hcl/ast.js';
import type { Positioner } from '../hcl/position.js';
import { errorDiag, type Diagnostic } from '../diag/diagnostic.js';
import { GoTemplateError } from '../gotemplate/index.js';

/** The offset in a JSON string's source of the character at `offset` of its decoded value. */
export function sourceOffsetInString(raw: string, offset: number): number {
  let decoded = 0;
  let i = 1;
  while (i < raw.length - 1 && decoded < offset) {
    if (raw[i] === '\\') i += raw[i + 1] === 'u' ? 6 : 2;
    else i++;
    decoded++;
  }
  return i;
}

export function rangeInString(s: JsonString, offset: number, positioner?: Positioner): Range {
  if (!positioner || s.raw === undefined) return s.range;
  const start = s.range.start.offset + sourceOffsetInString(s.raw, offset);
  return positioner.range(start, Math.min(start + 2, s.range.end.offset));
}

/**
 * A copy of `v` with every string rendered by `render` (map keys are kept). A failing string is reported,
 * with `where` and the key path, and left as it was.
 */
export function interpolateJson(v: JsonValue, render: (s: string) => string, where: string, diags: Diagnostic[], positioner?: Positioner, path = ''): JsonValue {
  switch (v.kind) {
    case 'jstring':
      try {
        const value = render(v.value);
        return value === v.value ? v : { ...v, value, raw: undefined };
      } catch (e) {
        if (!(e instanceof GoTemplateError)) throw e;
        diags.push(errorDiag('Template interpolation error', `${where}${path ? ` "${path}"` : ''}: ${e.message}`, rangeInString(v, e.offset, positioner), v.range));
        return v;
      }
    case 'jarray':
      return { ...v, items: v.items.map((item, i) => interpolateJson(item, render, where, diags, positioner, `${path}[${i}]`)) };
    case 'jobject':
      return { ...v, props: v.props.map((p) => ({ ...p, value: interpolateJson(p.value, render, where, diags, positioner, path ? `${path}.${p.name}` : p.name) })) };
    default:
      return v;
  }
}
