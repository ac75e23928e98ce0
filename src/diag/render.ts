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

/** The longest source line shown, and the longest line of a detail, in characters. */
const MAX_SOURCE = 120;
const MAX_DETAIL = 400;

/**
 * At most MAX_SOURCE characters of a line, from a little before `from` (a 0-based character offset), an ellipsis where it is cut;
 * `column` is where `from` lands in the text shown, `end` the offset of the last character shown, plus one.
 */
function windowAround(chars: string[], from: number): { text: string; column: number; end: number } {
  if (chars.length <= MAX_SOURCE) return { text: chars.join(''), column: from, end: chars.length };
  const begin = Math.max(0, Math.min(from - 20, chars.length - MAX_SOURCE));
  const stop = Math.min(chars.length, begin + MAX_SOURCE);
  const left = begin > 0 ? '…' : '';
  const right = stop < chars.length ? '…' : '';
  return { text: left + chars.slice(begin, stop).join('') + right, column: from - begin + left.length, end: stop };
}

/** A detail line cut to MAX_DETAIL characters: a quoted 5 KB value is not worth a screenful. */
function capLine(line: string): string {
  const chars = [...line];
  return chars.length <= MAX_DETAIL ? line : `${chars.slice(0, MAX_DETAIL).join('')}… (${chars.length - MAX_DETAIL} more characters)`;
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
      const chars = [...src.replace(/\t/g, ' ')];
      const last = end.line === start.line ? Math.max(end.column, start.column + 1) : chars.length + 1;
      const shown = windowAround(chars, start.column - 1);
      lines.push(prefix + shown.text);
      const width = Math.max(1, Math.min(last - 1, shown.end) - (start.column - 1));
      lines.push(' '.repeat(prefix.length + shown.column) + '^'.repeat(width));
    }
    lines.push('');
  }
  if (d.detail) lines.push(d.detail.split('\n').map(capLine).join('\n'), '');
  const out = lines.join('\n') + '\n';
  return opts.redact ? opts.redact(out) : out;
}

export function renderDiagnostics(diags: readonly Diagnostic[], sources: Sources, opts: RenderOptions = {}): string {
  return diags.map((d) => renderDiagnostic(d, sources, opts)).join('\n');
}
