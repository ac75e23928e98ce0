import type { Diagnostic } from './diagnostic.js';
import { countCodePoints } from '../hcl/position.js';
import { hideSpans, SENSITIVE, type Redact, type Span } from '../ui/secrets.js';

export interface Sources {
  /** Source text of a file by name, when known. */
  get(filename: string): string | undefined;
}

export interface RenderOptions {
  color?: boolean;
  /**
   * Applied to every line of output, e.g. to hide sensitive values; one that can say which parts of a source line
   * to hide (see `Redact`) hides them before the line is cut and underlined, so that the underline stays in place.
   */
  redact?: Redact;
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

/**
 * A source line as code points, with the sensitive spans (UTF-16 offsets, sorted and disjoint) replaced by
 * `<sensitive>`; `from` and `to` (0-based code point columns of the underlined range, `to` exclusive or undefined
 * for the end of the line) moved to match: a range that starts or ends inside a hidden span covers all of it.
 */
function hideInLine(text: string, spans: readonly Span[], from: number, to: number | undefined): { chars: string[]; from: number; to?: number } {
  if (spans.length === 0) return { chars: [...text], from, to };
  const columns = spans.map(([s, e]) => [countCodePoints(text, 0, s), countCodePoints(text, 0, e)] as const);
  const move = (c: number, isEnd: boolean) => {
    let shift = 0;
    for (const [cs, ce] of columns) {
      if (c >= ce) shift += SENSITIVE.length - (ce - cs);
      else if (c > cs) return cs + shift + (isEnd ? SENSITIVE.length : 0);
      else break;
    }
    return c + shift;
  };
  const start = move(from, false);
  return { chars: [...hideSpans(text, spans)], from: start, to: to === undefined ? undefined : Math.max(start + 1, move(to, true)) };
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
      const spaced = src.replace(/\t/g, ' ');
      const spans = opts.redact?.sourceSpans?.(filename, start.line, spaced) ?? [];
      const hidden = hideInLine(spaced, spans, start.column - 1, end.line === start.line ? Math.max(end.column, start.column + 1) - 1 : undefined);
      const { chars, from: first } = hidden;
      const last = hidden.to ?? chars.length;
      const shown = windowAround(chars, first);
      lines.push(prefix + shown.text);
      const width = Math.max(1, Math.min(last, shown.end) - first);
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
