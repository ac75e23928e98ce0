import type { Diagnostic } from '../diag/diagnostic.js';
import { evaluate } from '../eval/evaluate.js';
import { findReferences } from '../eval/references.js';
import { childScope, type Scope } from '../eval/scope.js';
import { Value } from '../value/value.js';
import { orderByDependencies } from './dependency-order.js';
import type { LocalDef } from './model.js';

/** Orders locals so that each comes after the locals it refers to; reports cycles. */
export function orderLocals(locals: LocalDef[]) {
  const nodes = locals.map((l) => ({
    key: l.name,
    deps: findReferences(l.expr).flatMap((r) => (r.root === 'local' && r.attr ? [r.attr] : [])),
    range: l.range,
    local: l,
  }));
  const r = orderByDependencies(nodes, 'locals', (k) => `local.${k}`);
  return { order: r.order.map((n) => n.local), cyclic: r.cyclic, diagnostics: r.diagnostics };
}

/**
 * Evaluates locals in dependency order. `scope` must hold `var`, `path` and `packer`; `local` is added here
 * as each local becomes known. Locals in a cycle or that fail to evaluate are unknown, so that their users
 * do not report the same problem again.
 */
export function evaluateLocals(locals: LocalDef[], scope: Scope): { values: Map<string, Value>; diagnostics: Diagnostic[] } {
  const { order, cyclic, diagnostics } = orderLocals(locals);
  const values = new Map<string, Value>(cyclic.map((name) => [name, Value.unknown()]));
  for (const l of order) {
    const local = Value.object(values);
    const r = evaluate(l.expr, childScope(scope, { local }));
    diagnostics.push(...r.diagnostics);
    if (r.diagnostics.some((d) => d.severity === 'error')) {
      values.set(l.name, Value.unknown());
      continue;
    }
    values.set(l.name, l.sensitive ? r.value.mark('sensitive') : r.value);
  }
  return { values, diagnostics };
}
