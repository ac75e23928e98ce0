// A tiny expression front end for function tests: a call whose arguments are literals, tuples, objects or
// further calls, evaluated with the function library alone. Results are compared as `packer console`
// prints them, so the same tables can be checked against real Packer.

import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import type { Expression } from '../../src/hcl/ast.js';
import { parseHCLExpression } from '../../src/hcl/parser.js';
import { callFunction } from '../../src/functions/call.js';
import { FunctionError, type FunctionContext } from '../../src/functions/types.js';
import { evaluateConstant } from '../../src/value/constant.js';
import { formatValue } from '../../src/value/format.js';
import { Value } from '../../src/value/value.js';

export const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), 'fixtures');

export function testContext(overrides: Partial<FunctionContext> = {}): FunctionContext {
  return {
    baseDir: FIXTURES,
    cwd: '/work/here',
    env: { HOME: '/home/tester' },
    now: () => new Date('2024-01-02T03:04:05.678Z'),
    ...overrides,
  };
}

/** Evaluates a literal-or-call expression. */
export function evalExpr(expr: Expression, ctx: FunctionContext): Value {
  switch (expr.kind) {
    case 'tuple':
      return Value.tuple(expr.items.map((i) => evalExpr(i, ctx)));
    case 'object': {
      const entries = new Map<string, Value>();
      for (const item of expr.items) {
        const k = item.key;
        const key = k.kind === 'variable' ? k.name : k.kind === 'literal' && k.bareKey ? String(k.value) : evalExpr(k, ctx).asString();
        entries.set(key, evalExpr(item.value, ctx));
      }
      return Value.object(entries);
    }
    case 'call':
      return callFunction(
        expr.name,
        expr.args.map((a) => evalExpr(a, ctx)),
        ctx,
      );
    default: {
      const { value, diagnostics } = evaluateConstant(expr);
      if (diagnostics.length > 0) throw new Error(`unsupported expression in a function test: ${diagnostics[0]!.summary}`);
      return value;
    }
  }
}

export function parse(src: string): Expression {
  const { expr, diagnostics } = parseHCLExpression(src, '<test>');
  if (diagnostics.length > 0) throw new Error(`cannot parse ${src}: ${diagnostics.map((d) => d.summary).join('; ')}`);
  return expr;
}

export function run(src: string, ctx: FunctionContext = testContext()): Value {
  return evalExpr(parse(src), ctx);
}

/** What `packer console` would print for the expression, errors included (summary and unwrapped detail). */
export function consoleText(src: string, ctx: FunctionContext = testContext()): string {
  try {
    return formatValue(run(src, ctx));
  } catch (e) {
    if (e instanceof FunctionError) return `Error: ${e.summary}\n${e.detail}`;
    throw e;
  }
}

/**
 * One case: the expression, and either the expected value written as an HCL literal (compared as printed)
 * or the expected error detail. `oracle: false` (with a reason) keeps a case away from the Packer check.
 */
export interface Case {
  expr: string;
  want?: string;
  error?: string;
  summary?: string;
  /** Expected type, as an HCL type expression. */
  type?: string;
  oracle?: false;
  why?: string;
}

/** Shorthand constructors for case tables. */
export const ok = (expr: string, want: string, extra: Partial<Case> = {}): Case => ({ expr, want, ...extra });
export const fails = (expr: string, error: string, extra: Partial<Case> = {}): Case => ({ expr, error, ...extra });

function inferSummary(detail: string): string {
  if (detail.startsWith('Invalid value for')) return 'Invalid function argument';
  if (detail.startsWith('There is no function')) return 'Call to unknown function';
  if (/^Function ".*" expects only/.test(detail)) return 'Too many function arguments';
  if (/^Function ".*" expects/.test(detail)) return 'Not enough function arguments';
  return 'Error in function call';
}

export function expectedText(c: Case): string {
  if (c.error !== undefined) return `Error: ${c.summary ?? inferSummary(c.error)}\n${c.error}`;
  return formatValue(run(c.want!));
}
