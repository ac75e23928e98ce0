import type { Value } from '../value/value.js';

/** Every string form of the sensitive values found (deeply) in the given values. */
export function sensitiveStrings(values: Iterable<Value>): string[] {
  const out = new Set<string>();
  const visit = (v: Value, inherited: boolean) => {
    const sensitive = inherited || v.hasMark('sensitive');
    if (!v.known || v.isNull) return;
    if (Array.isArray(v.raw)) v.elements().forEach((e) => visit(e, sensitive));
    else if (v.raw instanceof Map) v.entries().forEach(([, e]) => visit(e, sensitive));
    else if (sensitive) {
      const s = String(v.raw);
      if (s.length > 0) out.add(s);
    }
  };
  for (const v of values) visit(v, false);
  // Longest first, so that a secret containing another is replaced whole.
  return [...out].sort((a, b) => b.length - a.length);
}

/** A function that replaces every sensitive value of the template's variables and locals with `<sensitive>`. */
export function makeRedactor(...maps: ReadonlyMap<string, Value>[]): (s: string) => string {
  const secrets = sensitiveStrings(maps.flatMap((m) => [...m.values()]));
  if (secrets.length === 0) return (s) => s;
  return (s) => secrets.reduce((acc, secret) => acc.split(secret).join('<sensitive>'), s);
}
