// Entry points of the native syntax parser. They never throw: every problem is a diagnostic.

import { capDiagnostics, type Diagnostic } from '../diag/diagnostic.js';
import type { Expression, File, TemplateExpr } from './ast.js';
import { lexHCL } from './lexer.js';
import { ParserState } from './parser-state.js';
import { createPositioner, type Positioner } from './position.js';
import { parseBodyItems } from './parse-body.js';
import { parseExpression as parseExpressionTokens } from './parse-expression.js';
import { parseBareTemplate } from './parse-template.js';
import { parseHCLJSON } from './json.js';

export interface ParseResult {
  file: File;
  diagnostics: Diagnostic[];
}

/** Parses a configuration file in HCL native syntax (`*.pkr.hcl`, `*.pkrvars.hcl`). */
export function parseHCL(source: string, filename: string): ParseResult {
  const positioner = createPositioner(source, filename);
  const file: File = {
    filename,
    source,
    body: { kind: 'body', items: [], range: positioner.range(0, source.length) },
    comments: [],
    syntax: 'hcl',
  };
  const diagnostics = guard(positioner, () => {
    const lexed = lexHCL(source, positioner);
    file.comments = lexed.comments;
    const p = new ParserState(lexed.tokens, positioner);
    file.body.items = parseBodyItems(p).items;
    return [...lexed.diagnostics, ...p.diags];
  });
  return { file, diagnostics };
}

/**
 * Parses a standalone expression, such as a `-var` value or a type written in a JSON string. A
 * positioner maps offsets into the file the text came from.
 */
export function parseHCLExpression(
  source: string,
  filename: string,
  positioner: Positioner = createPositioner(source, filename),
): { expr: Expression; diagnostics: Diagnostic[] } {
  let expr: Expression = { kind: 'literal', value: null, range: positioner.range(0, source.length) };
  const diagnostics = guard(positioner, () => {
    const lexed = lexHCL(source, positioner);
    const p = new ParserState(lexed.tokens, positioner);
    p.pushNewlines(false);
    expr = parseExpressionTokens(p);
    const extra = p.peek();
    if (extra.type !== 'eof' && !p.recovery) {
      p.error('Extra characters after expression', 'An expression was successfully parsed, but extra characters were found after it.', p.tokRange(extra));
    }
    return [...lexed.diagnostics, ...p.diags];
  });
  return { expr, diagnostics };
}

/** Parses a whole text as a template (literal text with `${}` and `%{}` sequences). */
export function parseHCLTemplate(
  source: string,
  filename: string,
  positioner: Positioner = createPositioner(source, filename),
): { expr: TemplateExpr; diagnostics: Diagnostic[] } {
  const empty = positioner.range(0, 0);
  let expr: TemplateExpr = { kind: 'template', parts: [{ kind: 'tliteral', value: source, range: empty }], range: empty };
  const diagnostics = guard(positioner, () => {
    const lexed = lexHCL(source, positioner, 'template');
    const p = new ParserState(lexed.tokens, positioner);
    expr = parseBareTemplate(p);
    return [...lexed.diagnostics, ...p.diags];
  });
  return { expr, diagnostics };
}

/** The syntax errors kept of one text: far more than are shown (see renderDiagnostics), far fewer than garbage gives. */
const MAX_SYNTAX_ERRORS = 200;

/** Runs a parse, turning an unexpected exception (a bug) into a diagnostic; sorts by position; caps the count. */
function guard(positioner: Positioner, run: () => Diagnostic[]): Diagnostic[] {
  let diags: Diagnostic[];
  try {
    diags = run();
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    diags = [{ severity: 'error', summary: 'Internal parser error', detail: `The parser failed unexpectedly: ${message}. Please report this problem.`, range: positioner.range(0, 0) }];
  }
  const sorted = diags
    .map((d, i) => ({ d, i }))
    .sort((a, b) => (a.d.range?.start.offset ?? 0) - (b.d.range?.start.offset ?? 0) || a.i - b.i)
    .map(({ d }) => d);
  return capDiagnostics(sorted, MAX_SYNTAX_ERRORS);
}

/** Alias of parseHCLExpression. */
export const parseExpression = parseHCLExpression;

/** Alias of parseHCLTemplate. */
export const parseTemplate = parseHCLTemplate;

/** Parses a configuration file, in JSON syntax when its name ends with `.json`, else native syntax. */
export function parseFile(source: string, filename: string): ParseResult {
  return filename.toLowerCase().endsWith('.json') ? parseHCLJSON(source, filename) : parseHCL(source, filename);
}
