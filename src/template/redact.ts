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

/** A function that replaces each of `secrets` with `<sensitive>`, longest first. */
function redactorOf(secrets: readonly string[]): (s: string) => string {
  if (secrets.length === 0) return (s) => s;
  const ordered = [...new Set(secrets)].filter((s) => s.length > 0).sort((a, b) => b.length - a.length);
  return (s) => ordered.reduce((acc, secret) => acc.split(secret).join('<sensitive>'), s);
}

/** A function that replaces every sensitive value of the template's variables and locals with `<sensitive>`. */
export function makeRedactor(...maps: ReadonlyMap<string, Value>[]): (s: string) => string {
  return redactorOf(sensitiveStrings(maps.flatMap((m) => [...m.values()])));
}

/** `redact`, then hides `secrets` too (the values of plugin options declared sensitive). */
export function redactAlso(redact: (s: string) => string, secrets: readonly string[]): (s: string) => string {
  if (secrets.length === 0) return redact;
  const more = redactorOf(secrets);
  return (s) => more(redact(s));
}
