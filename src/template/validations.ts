import { errorDiag, type Diagnostic } from '../diag/diagnostic.js';
import { evaluate } from '../eval/evaluate.js';
import { childScope, type Scope } from '../eval/scope.js';
import { convert, ConversionError } from '../value/convert.js';
import { T, Value } from '../value/value.js';
import { formatRange } from '../hcl/position.js';
import type { TemplateConfig } from './model.js';

/** Runs every `validation` block of every set variable; a false condition reports the block's error message. */
export function checkValidations(config: TemplateConfig, values: Map<string, Value>, scope: Scope): Diagnostic[] {
  const diags: Diagnostic[] = [];
  for (const v of config.variables.values()) {
    const value = values.get(v.name);
    if (!value || v.validations.length === 0) continue;
    const inner = childScope(scope, { var: Value.object({ [v.name]: value }) });
    const fromDefault = value === v.default;
    for (const rule of v.validations) {
      const cond = evaluate(rule.condition, inner);
      diags.push(...cond.diagnostics);
      if (cond.diagnostics.length > 0 || !cond.value.known) continue;
      let ok: boolean;
      try {
        const b = convert(cond.value, T.bool);
        if (b.isNull) throw new ConversionError('bool required', []);
        ok = b.asBool();
      } catch (e) {
        if (!(e instanceof ConversionError)) throw e;
        diags.push(errorDiag('Invalid validation result', `The validation condition must produce true or false: ${e.message}.`, rule.condition.range));
        continue;
      }
      if (ok) continue;
      const msg = evaluate(rule.errorMessage, inner);
      diags.push(...msg.diagnostics);
      const text = msg.value.known && msg.value.type.kind === 'string' && !msg.value.isNull ? msg.value.asString() : 'The value is not valid.';
      diags.push(
        errorDiag(
          fromDefault ? 'Invalid value for default variable' : 'Invalid value for variable',
          `${text}\n\nThis was checked by the validation rule at ${formatRange(rule.range)}.`,
          fromDefault ? v.range : v.range,
        ),
      );
    }
  }
  return diags;
}
