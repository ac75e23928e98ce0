// Formatting one configuration text: it is parsed first, so that text with syntax errors is reported and
// left as it is rather than laid out half way.

import { hasErrors, type Diagnostic } from '../diag/diagnostic.js';
import { reportInvalidEncoding } from '../hcl/encoding.js';
import { parseHCL } from '../hcl/parser.js';
import { formatHCL } from './format.js';

export type FormatOutcome = { ok: true; output: string; changed: boolean } | { ok: false; diagnostics: Diagnostic[] };

/**
 * Canonical layout of `source`, or the syntax errors (with their locations in `filename`) that prevent it.
 * `invalid`: offsets of bytes that were not UTF-8 (see decodeUtf8); the file is not rewritten with them replaced.
 */
export function formatConfigSource(source: string, filename: string, invalid: readonly number[] = []): FormatOutcome {
  const parsed = parseHCL(source, filename);
  const errors = [...reportInvalidEncoding(parsed.file, invalid, true), ...parsed.diagnostics.filter((d) => d.severity === 'error')];
  if (hasErrors(errors)) return { ok: false, diagnostics: errors };
  const output = formatHCL(source);
  return { ok: true, output, changed: output !== source };
}
