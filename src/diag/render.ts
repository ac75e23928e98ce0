import type { Diagnostic } from './diagnostic.js';

export interface Sources {
  /** Source text of a file by name, when known. */
  get(filename: string): string | undefined;
}

export interface RenderOptions {
  color?: boolean;
  /** Applied to every line of output, e.g. to hide sensitive values. */
  redact?: (s: string) => string;
}

const red = (s: string) => `\x1b[31m${s}\x1b[0m`;
const yellow = (s: string) => `\x1b[33m${s}\x1b[0m`;
const bold = (s: string) => `\x1b[1m${s}\x1b[0m`;

/**
 * Renders a diagnostic the way Packer prints HCL diagnostics, but always with the location (file, line, column),
 * the source line and the range underlined.
 */
export function renderDiagnostic(d: Diagnostic, sources: Sources, opts: RenderOptions = {}): string {
  const label = d.severity === 'error' ? 'Error' : 'Warning';
  const head = `${label}: ${d.summary}`;
  const lines = [opts.color ? bold((d.severity === 'error' ? red : yellow)(head)) : head, ''];
  if (d.range) {
    const { filename, start, end } = d.range;
    lines.push(`  on ${filename} line ${start.line}, column ${start.column}:`);
    const text = sources.get(filename);
    const src = text?.split(/\r?\n/)[start.line - 1];
    if (src !== undefined) {
      const num = String(start.line);
      const prefix = `  ${num.padStart(3)}: `;
      const shown = src.replace(/\t/g, ' ');
      lines.push(prefix + shown);
      const last = end.line === start.line ? Math.max(end.column, start.column + 1) : [...shown].length + 1;
      const width = Math.max(1, last - start.column);
      lines.push(' '.repeat(prefix.length + start.column - 1) + '^'.repeat(width));
    }
    lines.push('');
  }
  if (d.detail) lines.push(d.detail, '');
  const out = lines.join('\n') + '\n';
  return opts.redact ? opts.redact(out) : out;
}

export function renderDiagnostics(diags: readonly Diagnostic[], sources: Sources, opts: RenderOptions = {}): string {
  return diags.map((d) => renderDiagnostic(d, sources, opts)).join('\n');
}
