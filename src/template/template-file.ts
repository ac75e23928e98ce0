import { parseHCLTemplate as parseTemplate } from '../hcl/parser.js';
import { DiagnosticsError } from '../diag/diagnostic.js';
import { Evaluator } from '../eval/evaluate.js';
import { childScope, type Scope } from '../eval/scope.js';
import type { Value } from '../value/value.js';

/**
 * `templatefile(path, vars)`: renders the file's text (read by the function) as a string template with the
 * attributes of `vars` as its only variables (functions stay available, as in Packer). Problems are thrown as
 * diagnostics.
 */
export function renderTemplateFile(path: string, text: string, vars: Value, scope: Scope): Value {
  const parsed = parseTemplate(text, path);
  if (parsed.diagnostics.length > 0) throw new DiagnosticsError(parsed.diagnostics);
  const names: Record<string, Value> = {};
  if (vars.known && !vars.isNull) for (const [k, v] of vars.entries()) names[k] = v;
  const ev = new Evaluator();
  const value = ev.template(parsed.expr.parts, childScope(scope, names), undefined, true);
  if (ev.diagnostics.length > 0) throw new DiagnosticsError(ev.diagnostics);
  return value;
}
