import type { Attribute, Block, Expression } from '../hcl/ast.js';
import { errorDiag, type Diagnostic } from '../diag/diagnostic.js';
import { evaluate } from '../eval/evaluate.js';
import { findReferences } from '../eval/references.js';
import { parseHCLExpression } from '../hcl/parser.js';
import type { Scope } from '../eval/scope.js';
import { convert, ConversionError } from '../value/convert.js';
import { typeFromExpression } from '../value/type-expr.js';
import { T, Value, type Type } from '../value/value.js';
import { formatRange } from '../hcl/position.js';
import { decodeBody, type Schema } from './body.js';
import type { Validation, Variable } from './model.js';

const VARIABLE_SCHEMA: Schema = {
  attributes: { type: {}, default: {}, description: {}, sensitive: {} },
  blocks: { validation: { labels: [] } },
};

const VALIDATION_SCHEMA: Schema = {
  attributes: { condition: { required: true }, error_message: { required: true } },
  blocks: {},
};

/**
 * Evaluates an expression that may use functions but no variables (defaults, `sensitive`, var files).
 * A reference to any name is reported as Packer does: "Variables not allowed".
 */
export function evaluateStatic(expr: Expression, scope: Scope): { value: Value; diagnostics: Diagnostic[] } {
  const refs = findReferences(expr);
  if (refs.length > 0) {
    return {
      value: Value.unknown(T.dynamic),
      diagnostics: refs.map((r) => errorDiag('Variables not allowed', 'Variables may not be used here.', r.range)),
    };
  }
  return evaluate(expr, scope);
}

function staticBool(attr: Attribute | undefined, scope: Scope, diags: Diagnostic[]): boolean {
  if (!attr) return false;
  const r = evaluateStatic(attr.expr, scope);
  diags.push(...r.diagnostics);
  try {
    const b = convert(r.value, T.bool);
    return b.known && !b.isNull && b.asBool();
  } catch (e) {
    if (!(e instanceof ConversionError)) throw e;
    diags.push(errorDiag('Unsuitable value type', `Unsuitable value: ${e.message}`, attr.expr.range));
    return false;
  }
}

function staticString(attr: Attribute | undefined, scope: Scope, diags: Diagnostic[]): string | undefined {
  if (!attr) return undefined;
  const r = evaluateStatic(attr.expr, scope);
  diags.push(...r.diagnostics);
  try {
    const s = convert(r.value, T.string);
    return s.known && !s.isNull ? s.asString() : undefined;
  } catch (e) {
    if (!(e instanceof ConversionError)) throw e;
    diags.push(errorDiag('Unsuitable value type', `Unsuitable value: ${e.message}`, attr.expr.range));
    return undefined;
  }
}

/** In HCL JSON syntax a type is written as a string (`"list(string)"`): read that string as an expression. */
function typeExpression(expr: Expression, json: boolean): Expression {
  if (!json || expr.kind !== 'template' || !expr.parts.every((p) => p.kind === 'tliteral')) return expr;
  const text = expr.parts.map((p) => (p.kind === 'tliteral' ? p.value : '')).join('');
  const parsed = parseHCLExpression(text, '<type>');
  return parsed.diagnostics.length > 0 ? expr : parsed.expr;
}

/** Decodes a `variable "name" { ... }` block. */
export function decodeVariableBlock(block: Block, scope: Scope): { variable?: Variable; diagnostics: Diagnostic[] } {
  const name = block.labels[0]!;
  const content = decodeBody(block.body, VARIABLE_SCHEMA);
  const diags = content.diagnostics;
  if (!/^[\p{L}_][\p{L}\p{N}_-]*$/u.test(name)) {
    diags.push(errorDiag('Invalid variable name', 'A name must start with a letter or underscore and may contain only letters, digits, underscores, and dashes.', block.labelRanges[0]));
  }
  let type: Type = T.dynamic;
  const typeAttr = content.attributes.get('type');
  if (typeAttr) {
    const t = typeFromExpression(typeExpression(typeAttr.expr, block.body.json !== undefined));
    diags.push(...t.diagnostics.map((d) => (d.range?.filename === '<type>' ? { ...d, range: typeAttr.expr.range } : d)));
    type = t.type;
  }
  let def: Value | undefined;
  const defAttr = content.attributes.get('default');
  if (defAttr) {
    const r = evaluateStatic(defAttr.expr, scope);
    diags.push(...r.diagnostics);
    def = r.value;
    if (r.diagnostics.length === 0) {
      try {
        def = convert(r.value, type);
      } catch (e) {
        if (!(e instanceof ConversionError)) throw e;
        diags.push(
          errorDiag('Invalid default value for variable', `This default value is not compatible with the variable's type constraint: ${e.message}.`, defAttr.expr.range),
        );
      }
      // Without a type constraint, Packer takes the default's type as the variable's type.
      if (!typeAttr && def.known && !def.isNull) type = def.type;
    }
  }
  const sensitive = staticBool(content.attributes.get('sensitive'), scope, diags);
  const description = staticString(content.attributes.get('description'), scope, diags);
  const validations: Validation[] = [];
  for (const vb of content.blocks) {
    const vc = decodeBody(vb.body, VALIDATION_SCHEMA, 'validation block');
    diags.push(...vc.diagnostics);
    const condition = vc.attributes.get('condition');
    const message = vc.attributes.get('error_message');
    if (!condition || !message) continue;
    const bad = findReferences(condition.expr).filter((r) => !(r.root === 'var' && r.attr === name));
    for (const r of bad) {
      diags.push(
        errorDiag('Invalid reference in variable validation', `The condition for variable "${name}" can only refer to the variable itself, using var.${name}.`, r.range),
      );
    }
    validations.push({ condition: condition.expr, errorMessage: message.expr, range: vb.typeRange });
  }
  if (def && sensitive) def = def.mark('sensitive');
  return {
    variable: { name, type, default: def, description, sensitive, validations, range: headerRange(block), defaultRange: defAttr?.expr.range },
    diagnostics: diags,
  };
}

/** Decodes the legacy `variables { name = default }` block: each attribute is a variable of any type. */
export function decodeVariablesBlock(block: Block, scope: Scope): { variables: Variable[]; diagnostics: Diagnostic[] } {
  const content = decodeBody(block.body, { attributes: 'any', blocks: {} });
  const diags = content.diagnostics;
  const variables: Variable[] = [];
  for (const attr of content.attributes.values()) {
    const r = evaluateStatic(attr.expr, scope);
    diags.push(...r.diagnostics);
    variables.push({ name: attr.name, type: T.dynamic, default: r.value, sensitive: false, validations: [], range: attr.nameRange });
  }
  return { variables, diagnostics: diags };
}

export function duplicateVariable(name: string, first: Variable, again: Variable): Diagnostic {
  return errorDiag(
    'Duplicate variable',
    `Duplicate ${name} variable definition found; it was first declared at ${formatRange(first.range)}.`,
    again.range,
  );
}

/** From the block type to the end of its labels: what a diagnostic about the whole block should underline. */
export function headerRange(block: Block): Block['range'] {
  const last = block.labelRanges[block.labelRanges.length - 1] ?? block.typeRange;
  return { filename: block.range.filename, start: block.typeRange.start, end: last.end };
}
