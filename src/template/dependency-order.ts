import type { Range } from '../hcl/ast.js';
import { errorDiag, type Diagnostic } from '../diag/diagnostic.js';

export interface Node {
  /** The name others refer to it by (`local.x` -> `x`, `data.null.a` -> `null.a`). */
  key: string;
  deps: string[];
  range: Range;
}

/**
 * Orders nodes so that each comes after those it depends on (dependencies that are not nodes are ignored), and
 * reports each node that is part of a cycle once. `label` spells a key as the user writes it (`local.x`); `what`
 * names the kind of the nodes of a cycle ("locals"), given the cycle's keys.
 */
export function orderByDependencies<N extends Node>(
  nodes: N[],
  what: string | ((cycle: string[]) => string),
  label: (key: string) => string,
): { order: N[]; cyclic: string[]; diagnostics: Diagnostic[] } {
  const byKey = new Map(nodes.map((n) => [n.key, n]));
  const order: N[] = [];
  const diagnostics: Diagnostic[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const reported = new Set<string>();
  const visit = (key: string, path: string[]) => {
    const s = state.get(key);
    if (s === 'done') return;
    if (s === 'visiting') {
      const cycle = [...path.slice(path.indexOf(key)), key];
      const members = cycle.slice(0, -1);
      for (const [i, member] of members.entries()) {
        if (reported.has(member)) continue;
        reported.add(member);
        // Each member's message follows the chain from that member round to itself.
        const chain = [...members.slice(i), ...members.slice(0, i), member];
        diagnostics.push(
          errorDiag(`Circular reference between ${typeof what === 'string' ? what : what(members)}`, `${label(member)} depends on itself: ${chain.map(label).join(' -> ')}.`, byKey.get(member)!.range),
        );
      }
      return;
    }
    state.set(key, 'visiting');
    for (const d of byKey.get(key)!.deps) if (byKey.has(d)) visit(d, [...path, key]);
    state.set(key, 'done');
    order.push(byKey.get(key)!);
  };
  for (const n of nodes) visit(n.key, []);
  return { order: order.filter((n) => !reported.has(n.key)), cyclic: [...reported], diagnostics };
}
