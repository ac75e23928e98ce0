// Locals and data sources form one dependency graph, as in current Packer: a local may use data sources and a
// data source may use locals (and other data sources). Keys are spelled as the user refers to them:
// `local.<name>`, `data.<type>.<name>`.

import type { Block } from '../hcl/ast.js';
import type { Reference } from '../eval/references.js';
import { findReferences } from '../eval/references.js';
import { findBodyReferences } from './body-references.js';
import { orderByDependencies, type Node } from './dependency-order.js';
import type { LocalDef } from './model.js';
import { headerRange } from './variables.js';

export interface DataDef {
  type: string;
  name: string;
  block: Block;
}

export interface PrerequisiteNode extends Node {
  local?: LocalDef;
  data?: DataDef;
}

export interface PrerequisiteGraph {
  nodes: Map<string, PrerequisiteNode>;
  /** Keys of the nodes in a cycle (each reported once in `diagnostics`). */
  cyclic: string[];
  diagnostics: ReturnType<typeof orderByDependencies>['diagnostics'];
}

/**
 * The keys a reference needs. `data.<type>` or `data` alone (an index expression follows) need every data
 * source of the type, or all of them; a bare `local` needs none (as before data sources existed).
 */
export function keysOf(refs: readonly Reference[], dataKeys: readonly string[]): string[] {
  const out = new Set<string>();
  for (const r of refs) {
    if (r.root === 'local' && r.attr) out.add(`local.${r.attr}`);
    if (r.root !== 'data') continue;
    const prefix = ['data', ...r.path.slice(0, 2)].join('.');
    for (const k of dataKeys) if (k === prefix || k.startsWith(`${prefix}.`)) out.add(k);
  }
  return [...out];
}

function cycleKind(cycle: string[]): string {
  const locals = cycle.some((k) => k.startsWith('local.'));
  const data = cycle.some((k) => k.startsWith('data.'));
  return locals && data ? 'locals and data sources' : data ? 'data sources' : 'locals';
}

export function prerequisiteGraph(locals: readonly LocalDef[], data: ReadonlyMap<string, Block>): PrerequisiteGraph {
  const dataKeys = [...data.keys()].map((k) => `data.${k}`);
  const nodes: PrerequisiteNode[] = [
    ...locals.map((l) => ({ key: `local.${l.name}`, deps: keysOf(findReferences(l.expr), dataKeys), range: l.range, local: l })),
    ...[...data.values()].map((block) => {
      const [type, name] = block.labels as [string, string];
      const key = `data.${type}.${name}`;
      // A data source that names its own type as a whole does not depend on itself.
      const deps = keysOf(findBodyReferences(block.body), dataKeys).filter((d) => d !== key);
      return { key, deps, range: headerRange(block), data: { type, name, block } };
    }),
  ];
  const ordered = orderByDependencies(nodes, cycleKind, (k) => k);
  return { nodes: new Map(nodes.map((n) => [n.key, n])), cyclic: ordered.cyclic, diagnostics: ordered.diagnostics };
}
