// Evaluates locals and data sources on demand, each once, after what it depends on: all of them, or only those
// some builds need (`build -only/-except`). A data source runs only when asked to execute; otherwise its value is
// unknown (of its output type), which is what `validate` checks the template with.

import type { Diagnostic } from '../diag/diagnostic.js';
import { evaluate } from '../eval/evaluate.js';
import { childScope, type Scope } from '../eval/scope.js';
import { Value } from '../value/value.js';
import { runDataSource, type DataSourceRunOptions } from './data-source-run.js';
import type { PrerequisiteGraph, PrerequisiteNode } from './prerequisite-graph.js';

export class Prerequisites {
  /** Local values by name, as they become known. */
  readonly locals = new Map<string, Value>();
  /** Data source values by `type.name`. */
  readonly data = new Map<string, Value>();
  readonly diagnostics: Diagnostic[] = [];
  /** `type.name` of the data sources that ran, in order. */
  readonly executed: string[] = [];
  private readonly done = new Set<string>();
  /** Nodes in error, or that depend on one: their users get an unknown value and say nothing more about it. */
  private readonly failed = new Set<string>();

  /** `base` holds `var`, `path` and `packer`. */
  constructor(
    private readonly graph: PrerequisiteGraph,
    private readonly base: Scope,
    private readonly options: DataSourceRunOptions,
  ) {
    this.diagnostics.push(...graph.diagnostics);
    for (const key of graph.cyclic) this.settle(graph.nodes.get(key)!, Value.unknown(), true);
  }

  /** A scope with `local` and `data` as they are now (what is not evaluated yet is unknown). */
  scope(): Scope {
    const byType = new Map<string, Map<string, Value>>();
    for (const node of this.graph.nodes.values()) {
      if (!node.data) continue;
      const m = byType.get(node.data.type) ?? new Map<string, Value>();
      m.set(node.data.name, this.data.get(`${node.data.type}.${node.data.name}`) ?? Value.unknown());
      byType.set(node.data.type, m);
    }
    const data = Value.object(new Map([...byType].map(([t, m]) => [t, Value.object(m)])));
    return childScope(this.base, { local: Value.object(this.locals), data });
  }

  /** Evaluates `keys` and what they depend on; data sources among them run when `execute`. */
  async ensure(keys: Iterable<string>, execute: boolean): Promise<void> {
    for (const key of keys) await this.visit(key, execute);
  }

  /** Evaluates every local and data source (in declaration order, each after its dependencies). */
  ensureAll(execute: boolean): Promise<void> {
    return this.ensure(this.graph.nodes.keys(), execute);
  }

  private async visit(key: string, execute: boolean): Promise<void> {
    const node = this.graph.nodes.get(key);
    if (!node || this.done.has(key)) return;
    this.done.add(key);
    for (const dep of node.deps) await this.visit(dep, execute);
    const depFailed = node.deps.some((d) => this.failed.has(d));
    if (node.local) {
      const r = evaluate(node.local.expr, this.scope());
      this.diagnostics.push(...r.diagnostics);
      const bad = r.diagnostics.some((d) => d.severity === 'error');
      this.settle(node, bad ? Value.unknown() : node.local.sensitive ? r.value.mark('sensitive') : r.value, bad || depFailed);
      return;
    }
    const def = node.data!;
    // A data source whose inputs failed is still checked, but not run (that would only report the same problem).
    const run = execute && !depFailed && !this.options.signal.aborted;
    const r = await runDataSource(def, this.scope(), run, this.options);
    this.diagnostics.push(...r.diagnostics);
    if (r.executed) this.executed.push(`${def.type}.${def.name}`);
    this.settle(node, r.value, r.failed || depFailed);
  }

  private settle(node: PrerequisiteNode, value: Value, failed: boolean): void {
    this.done.add(node.key);
    if (failed) this.failed.add(node.key);
    if (node.local) this.locals.set(node.local.name, value);
    if (node.data) this.data.set(`${node.data.type}.${node.data.name}`, value);
  }
}
