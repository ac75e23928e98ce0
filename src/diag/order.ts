import type { Diagnostic } from './diagnostic.js';

function keyOf(d: Diagnostic): string {
  return `${d.summary}|${d.detail}|${d.range?.filename}:${d.range?.start.offset}`;
}

/** Each diagnostic once: the same problem reached twice (through several builds, or two checks) says the same thing. */
export function uniqueDiagnostics(diags: readonly Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return diags.filter((d) => {
    const key = keyOf(d);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Each diagnostic once, in file order (`fileOrder`, the files as read) and position order; unlocated ones first. */
export function inSourceOrder(diags: readonly Diagnostic[], fileOrder: readonly string[]): Diagnostic[] {
  return uniqueDiagnostics(diags)
    .map((d, i) => ({ d, i }))
    .sort((a, b) => {
      const fa = a.d.range ? fileOrder.indexOf(a.d.range.filename) : -1;
      const fb = b.d.range ? fileOrder.indexOf(b.d.range.filename) : -1;
      return fa - fb || (a.d.range?.start.offset ?? 0) - (b.d.range?.start.offset ?? 0) || a.i - b.i;
    })
    .map(({ d }) => d);
}
