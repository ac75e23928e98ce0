// How builds are named and which provisioners and post-processors apply to which source: shared by planning and
// by choosing what `-only`/`-except` need before anything runs.

import type { Expression } from '../hcl/ast.js';
import { errorDiag, type Diagnostic } from '../diag/diagnostic.js';
import { evaluate } from '../eval/evaluate.js';
import type { Scope } from '../eval/scope.js';
import { convert, ConversionError } from '../value/convert.js';
import { T } from '../value/value.js';
import type { PluginUse, SourceUse } from './model.js';

/** The `name` of a build block, or '' (also when not known). */
export function evaluateBuildName(expr: Expression | undefined, scope: Scope, diags: Diagnostic[]): string {
  if (!expr) return '';
  const r = evaluate(expr, scope);
  diags.push(...r.diagnostics);
  try {
    const s = convert(r.value, T.string);
    return s.known && !s.isNull ? s.asString() : '';
  } catch (e) {
    if (!(e instanceof ConversionError)) throw e;
    diags.push(errorDiag('Invalid build name', `The build name must be a string: ${e.message}.`, expr.range));
    return '';
  }
}

/** Packer's full build name: `type.name` or `build.type.name`. */
export function fullBuildName(blockName: string, src: SourceUse): string {
  return blockName ? `${blockName}.${src.type}.${src.localName}` : `${src.type}.${src.localName}`;
}

/** Does the block's `only`/`except` let this source through? Names are `type.name` (or `source.type.name`). */
export function appliesTo(use: PluginUse, src: SourceUse): boolean {
  const names = [`${src.type}.${src.localName}`, `source.${src.type}.${src.localName}`];
  if (use.only.length > 0 && !use.only.some((o) => names.includes(o))) return false;
  return !use.except.some((e) => names.includes(e));
}
