import type { Block } from '../hcl/ast.js';
import type { Diagnostic } from '../diag/diagnostic.js';
import { findReferences } from '../eval/references.js';
import { Value } from '../value/value.js';
import { orderByDependencies } from './dependency-order.js';
import { headerRange } from './variables.js';

/** Data sources that refer to each other in a cycle. */
export function checkDataCycles(data: Map<string, Block>): Diagnostic[] {
  const nodes = [...data].map(([key, block]) => ({
    key,
    deps: block.body.items.flatMap((item) =>
      item.kind === 'attribute'
        ? findReferences(item.expr).flatMap((r) => (r.root === 'data' && r.path.length >= 2 ? [`${r.path[0]}.${r.path[1]}`] : []))
        : [],
    ),
    range: headerRange(block),
  }));
  return orderByDependencies(nodes, 'data sources', (k) => `data.${k}`).diagnostics;
}

/**
 * The `data` object before data sources run: every declared data source is an unknown value, so that
 * validation can go on (its result is only known at build time).
 */
export function unknownDataObject(data: Map<string, Block>): Value {
  const byType = new Map<string, Map<string, Value>>();
  for (const block of data.values()) {
    const [type, name] = block.labels as [string, string];
    const m = byType.get(type) ?? new Map<string, Value>();
    m.set(name, Value.unknown());
    byType.set(type, m);
  }
  return Value.object(new Map([...byType].map(([t, m]) => [t, Value.object(m)])));
}
