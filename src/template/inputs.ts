import type { Expression, File, Range } from '../hcl/ast.js';
import { parseHCLExpression as parseExpression } from '../hcl/parser.js';
import { errorDiag, warningDiag, type Diagnostic } from '../diag/diagnostic.js';
import type { Scope } from '../eval/scope.js';
import { convert, ConversionError } from '../value/convert.js';
import { isPrimitive, Value } from '../value/value.js';
import { decodeBody } from './body.js';
import type { TemplateConfig, VarInput, Variable } from './model.js';
import { evaluateStatic } from './variables.js';

export interface InputOptions {
  env: Readonly<Record<string, string | undefined>>;
  /** `-var` and `-var-file` values in command-line order (files already parsed). */
  inputs: VarInput[];
  /**
   * A var file that sets an undeclared variable gets a warning when true; otherwise the value is dropped
   * silently (Packer's `ValidationOptions.WarnOnUndeclaredVar`). An undeclared `-var` is always an error.
   */
  warnUndeclaredInFile: boolean;
}

interface Assigned {
  value: Value;
  /** Where the value came from, for messages. */
  origin: 'env' | 'file' | 'var';
  range?: Range;
}

const UNDECLARED_HINT = (name: string) =>
  `To declare variable "${name}", place this block in one of your .pkr files, such as variables.pkr.hcl`;

/**
 * A raw string from the command line or the environment: taken literally for primitive or untyped
 * variables, read as an HCL expression (no variables allowed) for collection and structural types.
 */
function valueFromRaw(v: Variable, raw: string, label: string, scope: Scope, diags: Diagnostic[]): Value | undefined {
  if (isPrimitive(v.type) || v.type.kind === 'dynamic') return Value.string(raw);
  const parsed = parseExpression(raw, label);
  if (parsed.diagnostics.length > 0) {
    diags.push(...parsed.diagnostics);
    return undefined;
  }
  const r = evaluateStatic(parsed.expr as Expression, scope);
  diags.push(...r.diagnostics);
  return r.diagnostics.length > 0 ? undefined : r.value;
}

/**
 * Works out every variable's value from, lowest precedence first: defaults, `PKR_VAR_<name>` environment
 * variables, auto var files (lexical order), then `-var-file` and `-var` in command-line order. Values are
 * converted to the declared type and marked sensitive where declared so. Unset variables are absent from the map.
 */
export function assignVariables(config: TemplateConfig, opts: InputOptions, scope: Scope): { values: Map<string, Value>; diagnostics: Diagnostic[]; sensitiveRanges: Range[] } {
  const diags: Diagnostic[] = [];
  const assigned = new Map<string, Assigned>();
  // Where sensitive values are written (defaults, var files), valid or not: quoted source lines hide them.
  const sensitiveRanges: Range[] = [];
  for (const v of config.variables.values()) if (v.sensitive && v.defaultRange) sensitiveRanges.push(v.defaultRange);
  for (const [name, v] of config.variables) {
    const raw = opts.env[`PKR_VAR_${name}`];
    if (raw === undefined) continue;
    const value = valueFromRaw(v, raw, `<value for var.${name} from environment>`, scope, diags);
    if (value) assigned.set(name, { value, origin: 'env' });
  }
  const fromFile = (file: File) => {
    const content = decodeBody(file.body, { attributes: 'any', blocks: {} });
    diags.push(...content.diagnostics);
    for (const attr of content.attributes.values()) {
      if (!config.variables.has(attr.name)) {
        if (opts.warnUndeclaredInFile) {
          const detail = `A "${attr.name}" variable was set but was not found in known variables. ${UNDECLARED_HINT(attr.name)}`;
          diags.push(warningDiag('Undefined variable', detail, attr.nameRange));
        }
        continue;
      }
      if (config.variables.get(attr.name)!.sensitive) sensitiveRanges.push(attr.expr.range);
      const r = evaluateStatic(attr.expr, scope);
      diags.push(...r.diagnostics);
      if (r.diagnostics.length === 0) assigned.set(attr.name, { value: r.value, origin: 'file', range: attr.expr.range });
    }
  };
  config.autoVarFiles.forEach(fromFile);
  for (const input of opts.inputs) {
    if (input.kind === 'file') {
      fromFile(input.file);
      continue;
    }
    const v = config.variables.get(input.name);
    if (!v) {
      diags.push(
        errorDiag(
          'Undefined -var variable',
          `A "${input.name}" variable was passed in the command line but was not found in known variables. ${UNDECLARED_HINT(input.name)}`,
        ),
      );
      continue;
    }
    const value = valueFromRaw(v, input.raw, `<value for var.${input.name} from arguments>`, scope, diags);
    if (value) assigned.set(input.name, { value, origin: 'var' });
  }

  const values = new Map<string, Value>();
  for (const [name, v] of config.variables) {
    const a = assigned.get(name);
    if (!a) {
      if (v.default !== undefined) values.set(name, v.default);
      continue;
    }
    try {
      let value = convert(a.value, v.type);
      if (v.sensitive) value = value.mark('sensitive');
      values.set(name, value);
    } catch (e) {
      if (!(e instanceof ConversionError)) throw e;
      // Unknown rather than unset: the bad value is the one error to report about this variable.
      values.set(name, Value.unknown(v.type));
      const where = a.origin === 'var' ? '-var variable' : a.origin === 'env' ? 'environment variable' : 'variable file value';
      diags.push(
        errorDiag(
          `Invalid argument value for ${where}`,
          `The received arg value for ${name} is not compatible with the variable's type constraint: ${e.message}.`,
          a.range,
        ),
      );
    }
  }
  return { values, diagnostics: diags, sensitiveRanges };
}

export function unsetVariableDiag(v: Variable): Diagnostic {
  return errorDiag(
    `Unset variable "${v.name}"`,
    'A used variable must be set or have a default value; see https://developer.hashicorp.com/packer/docs/templates/hcl_templates/variables for details.',
    v.range,
  );
}

