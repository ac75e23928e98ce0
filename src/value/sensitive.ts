import type { Value } from './value.js';

/**
 * The text of every sensitive value found (deeply) in `values`: leaves marked sensitive or inside a collection
 * marked sensitive. With `stringsOnly`, numbers and bools are left out: one derived from a secret (its length, a
 * comparison) says little about it, and hiding every `true` or `20` of the output would hide nothing useful.
 */
export function sensitiveStrings(values: Iterable<Value>, opts: { stringsOnly?: boolean } = {}): string[] {
  const out = new Set<string>();
  const visit = (v: Value, inherited: boolean) => {
    const sensitive = inherited || v.hasMark('sensitive');
    if (!v.known || v.isNull) return;
    if (Array.isArray(v.raw)) v.elements().forEach((e) => visit(e, sensitive));
    else if (v.raw instanceof Map) v.entries().forEach(([, e]) => visit(e, sensitive));
    else if (sensitive && (!opts.stringsOnly || typeof v.raw === 'string')) {
      const s = String(v.raw);
      if (s.length > 0) out.add(s);
    }
  };
  for (const v of values) visit(v, false);
  return [...out];
}
