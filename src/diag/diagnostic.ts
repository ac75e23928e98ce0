import type { Range } from '../hcl/ast.js';

export type Severity = 'error' | 'warning';

/**
 * A problem found in a template. Diagnostics are values: they are collected and reported together,
 * never thrown one at a time.
 */
export interface Diagnostic {
  severity: Severity;
  /** One line, as Packer's summaries ("Unsupported argument", "Invalid reference"). */
  summary: string;
  /** A full sentence or more; may be empty. */
  detail: string;
  /** Where the problem is; the subject of the message. */
  range?: Range;
  /** A wider range giving context (for example the whole expression around `range`). */
  context?: Range;
}

export function errorDiag(summary: string, detail: string, range?: Range, context?: Range): Diagnostic {
  return { severity: 'error', summary, detail, range, context };
}

export function warningDiag(summary: string, detail: string, range?: Range): Diagnostic {
  return { severity: 'warning', summary, detail, range };
}

export function hasErrors(diags: readonly Diagnostic[]): boolean {
  return diags.some((d) => d.severity === 'error');
}

/** Thrown by evaluation code that cannot continue; carries the diagnostics that explain why. */
export class DiagnosticsError extends Error {
  constructor(readonly diagnostics: Diagnostic[]) {
    super(diagnostics.map((d) => d.summary).join('; '));
    this.name = 'DiagnosticsError';
  }
}
