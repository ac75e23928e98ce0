// The HCL2 front end of the plugin configuration decoder: a plugin's bodies (a source block and a build-level
// source block, or a provisioner's block with its `override`) as entries evaluated in the template's scope, worded
// as HCL reports problems.

import type { Attribute, Block, Body, Range } from '../hcl/ast.js';
import { resolveJsonBody } from '../hcl/json-body.js';
import { errorDiag } from '../diag/diagnostic.js';
import { evaluate } from '../eval/evaluate.js';
import type { Scope } from '../eval/scope.js';
import { declaredNames, declaredOption, type ConfigDeclaration, type ValidateContext } from '../plugin/config.js';
import { decodeConfig, type DecodedConfig, type DecodeOptions, type FrontEnd, type InputBody, type InputEntry, type Report } from '../plugin/decode-config.js';
import { typeName, type Value } from '../value/value.js';
import { duplicateArgument, labelProblem, unsupportedArgument, unsupportedBlock } from './body.js';
import { expandDynamicBlocks } from './dynamic.js';
import { unknownValueDiag } from './unknown-value.js';

/** Attributes of a body in order, from one or more bodies (a source block and a build-level source block). */
export interface ConfigInput {
  bodies: Body[];
  /** Argument names the template language itself handles (`name`, `only`, `pause_before`...): skipped. */
  reserved: string[];
  /** Replaces attribute values by name (provisioner `override`), already evaluated. */
  overrides?: Map<string, Value>;
  /**
   * The configuration is for running the plugin: a value not known (a data source that did not run, `build.*`
   * data not yet there) is an error. Checks before running leave it out of the configuration instead.
   */
  requireKnown?: boolean;
  /** Renders the values before the plugin's checks (the Go-template actions in its strings). */
  render?: DecodeOptions['render'];
}

/** How the bodies of one configuration are read. */
interface Reading {
  scope: Scope;
  requireKnown?: boolean;
  /** The sensitive strings met while evaluating the values (see EvalResult). */
  sensitive: string[];
}

const HCL: FrontEnd = {
  structureFirst: true,
  unknown: (e, names) => {
    const attributes = [...names.options, ...names.reserved];
    return e.value ? unsupportedArgument(e.name, e.nameRange!, attributes, names.blocks) : unsupportedBlock(e.name, e.nameRange!, attributes, names.blocks);
  },
  mistyped: (e, error) => errorDiag('Incorrect attribute value type', `Inappropriate value for attribute "${e.name}": ${error}.`, e.range),
  repeated: (e, previous, sameBody) => {
    if (sameBody) return duplicateArgument(e.name, previous.nameRange!, e.nameRange!);
    const at = previous.nameRange!;
    return errorDiag(
      `Argument "${e.name}" redefined`,
      `"${e.name}" is already set by the source block at ${at.filename}:${at.start.line}; a build-level source block can add arguments, not change them.`,
      e.nameRange,
    );
  },
};

/** `value`, or undefined (reported) when the plugin is to run and the value is not known yet. */
function knownFor(value: Value, r: Reading, what: string, where: string, at: Range | undefined, report: Report): Value | undefined {
  if (value.isWhollyKnown || !r.requireKnown) return value;
  report(unknownValueDiag(what, where, at));
  return undefined;
}

function attributeEntry(attr: Attribute, r: Reading, where: string, overrides: Map<string, Value> | undefined): InputEntry {
  return {
    name: attr.name,
    nameRange: attr.nameRange,
    range: attr.expr.range,
    value: (_want, report) => {
      const evaluated = evaluate(attr.expr, r.scope);
      evaluated.diagnostics.forEach(report);
      r.sensitive.push(...evaluated.sensitive);
      if (evaluated.diagnostics.length > 0) return undefined;
      return knownFor(overrides?.get(attr.name) ?? evaluated.value, r, `"${attr.name}"`, where, attr.expr.range, report);
    },
  };
}

function blockEntry(block: Block, decl: ConfigDeclaration, r: Reading): InputEntry {
  return {
    name: block.type,
    nameRange: block.typeRange,
    problem: labelProblem(block, []),
    blocks: () => {
      const d = declaredOption(decl, block.type);
      return d?.kind === 'block' ? [bodyInput(block.body, d.declaration, r, `${block.type} block`, undefined)] : [];
    },
  };
}

/** A written body: dynamic blocks expanded and JSON syntax resolved when its entries are read. */
function bodyInput(written: Body, decl: ConfigDeclaration, r: Reading, where: string, overrides: Map<string, Value> | undefined): InputBody {
  return {
    range: written.range,
    entries: (report) => {
      const expanded = expandDynamicBlocks(written, r.scope, { requireKnown: r.requireKnown, where });
      expanded.diagnostics.forEach(report);
      const blocks = Object.fromEntries(declaredNames(decl).blocks.map((k) => [k, { labels: 0, body: 'dynamic' as const }]));
      const resolved = resolveJsonBody(expanded.body, { blocks });
      resolved.diagnostics.forEach(report);
      return resolved.body.items.map((item) => (item.kind === 'attribute' ? attributeEntry(item, r, where, overrides) : blockEntry(item, decl, r)));
    },
  };
}

/** Override values for options the bodies do not set (unknown names and blocks are left to the body's checks). */
function overrideInput(input: ConfigInput, decl: ConfigDeclaration, r: Reading, where: string): InputBody {
  const at = input.bodies[0]?.range;
  return {
    range: at,
    entries: (_report, given) =>
      [...(input.overrides ?? [])]
        .filter(([name]) => !given.has(name) && !input.reserved.includes(name) && declaredOption(decl, name)?.kind === 'option')
        .map(([name, value]) => ({
          name,
          value: (_want, report) => knownFor(value, r, `"${name}" (override)`, where, at, report),
          mistyped: (error) => errorDiag('Incorrect override value type', `Inappropriate value for "${name}" in override: ${error} (got ${typeName(value.type)}).`, at),
        })),
  };
}

/**
 * Decodes a plugin's configuration from template bodies: checks every argument against the plugin's declaration
 * ("Unsupported argument" with "Did you mean"), evaluates and converts each value to its declared type, checks
 * required arguments and the plugin's own cross-field rules. All problems are reported together.
 */
export function decodePluginConfig(input: ConfigInput, decl: ConfigDeclaration, scope: Scope, where: string, context: ValidateContext): DecodedConfig {
  const r: Reading = { scope, requireKnown: input.requireKnown, sensitive: [] };
  const bodies = input.bodies.map((b) => bodyInput(b, decl, r, where, input.overrides));
  if (input.overrides) bodies.push(overrideInput(input, decl, r, where));
  const decoded = decodeConfig(decl, bodies, HCL, { where, reserved: input.reserved, context, render: input.render });
  return { ...decoded, sensitive: [...decoded.sensitive, ...r.sensitive] };
}
