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
  /** Set on the one diagnostic that stands for the errors of a file left out (too many to keep): how many. */
  omitted?: number;
}

export function errorDiag(summary: string, detail: string, range?: Range, context?: Range): Diagnostic {
  return { severity: 'error', summary, detail, range, context };
}

export function warningDiag(summary: string, detail: string, range?: Range): Diagnostic {
  return { severity: 'warning', summary, detail, range };
}

function tooMany(rest: number, range: Range | undefined): Diagnostic {
  return { severity: 'error', summary: 'Too many errors', detail: `${rest} more errors of this file are not listed.`, range, omitted: rest };
}

/**
 * At most `max` diagnostics, then one "Too many errors" that stands for the rest: a file of garbage could
 * otherwise produce millions, each costing memory and time downstream.
 */
export function capDiagnostics(diags: Diagnostic[], max: number): Diagnostic[] {
  if (diags.length <= max) return diags;
  const rest = diags.slice(max).reduce((n, d) => n + (d.omitted ?? 1), 0);
  return [...diags.slice(0, max), tooMany(rest, diags[max]!.range)];
}

/**
 * Adds at most `max` diagnostics of one kind to `diags` (each made only when kept); `close` then adds one
 * "Too many errors" counting those left out. For errors that can repeat once per character of a file.
 */
export function boundedSink(diags: Diagnostic[], max: number): { add(make: () => Diagnostic): void; close(): void } {
  let kept = 0;
  let dropped = 0;
  let first: Range | undefined;
  return {
    add(make) {
      if (kept < max) {
        diags.push(make());
        kept++;
      } else if (dropped++ === 0) first = make().range;
    },
    close() {
      if (dropped > 0) diags.push(tooMany(dropped, first));
    },
  };
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
