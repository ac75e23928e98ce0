import type { Diagnostic } from './diagnostic.js';
import { countCodePoints } from '../hcl/position.js';
import { hideSpans, SENSITIVE, type Redact, type Span } from '../ui/secrets.js';
import { displayChar, escapeControls } from './escape.js';

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

/**
 * Bounds on what one diagnostic prints, so that a 20 MB line or a quoted 5 KB value cannot flood a terminal or a CI
 * log: the characters of the source line shown, the characters of a summary or detail line, the lines of a detail.
 */
const MAX_SOURCE = 120;
const MAX_DETAIL = 400;
const MAX_DETAIL_LINES = 40;
/** The diagnostics shown per file; a file that gives more is not worth reading diagnostic by diagnostic. */
export const MAX_PER_FILE = 30;

/** A line of a file by number (1-based); each file is split once however many diagnostics quote it. */
type LineOf = (filename: string, line: number) => string | undefined;

function lineReader(sources: Sources): LineOf {
  const lines = new Map<string, string[] | undefined>();
  return (filename, line) => {
    if (!lines.has(filename)) lines.set(filename, sources.get(filename)?.split(/\r?\n/));
    return lines.get(filename)?.[line - 1];
  };
}

/** Code points `[begin, end)` of `line` and its length in code points, without splitting a 20 MB line whole. */
function codePoints(line: string): { length: number; slice(begin: number, end: number): string[] } {
  if (!/[\ud800-\udfff]/.test(line)) return { length: line.length, slice: (b, e) => Array.from(line.slice(b, e)) };
  const chars = Array.from(line);
  return { length: chars.length, slice: (b, e) => chars.slice(b, e) };
}

/**
 * The source line quoted with the range underlined: at most MAX_SOURCE characters, from a little before `from`
 * (0-based, in code points), an ellipsis where it is cut; `last` is the code point after the range. Control
 * characters are shown escaped, and the underline follows their escaped width.
 */
function quoteLine(prefix: string, line: string, from: number, last: number): string[] {
  const chars = codePoints(line);
  let begin = 0;
  let stop = chars.length;
  if (chars.length > MAX_SOURCE) {
    begin = Math.max(0, Math.min(from - 20, chars.length - MAX_SOURCE));
    stop = Math.min(chars.length, begin + MAX_SOURCE);
  }
  const cells = chars.slice(begin, stop).map(displayChar);
  const left = begin > 0 ? '…' : '';
  const right = stop < chars.length ? '…' : '';
  const widthOf = (a: number, b: number) => cells.slice(Math.max(0, a - begin), Math.max(0, b - begin)).reduce((n, c) => n + c.length, 0);
  const column = left.length + widthOf(begin, from);
  const width = Math.max(1, widthOf(from, Math.min(last, stop)));
  return [prefix + left + cells.join('') + right, ' '.repeat(prefix.length + column) + '^'.repeat(width)];
}

/** A summary or detail line cut to MAX_DETAIL characters: a quoted 5 KB value is not worth a screenful. */
function capLine(line: string): string {
  if (line.length <= MAX_DETAIL) return line;
  const chars = codePoints(line);
  return chars.length <= MAX_DETAIL ? line : `${chars.slice(0, MAX_DETAIL).join('')}… (${chars.length - MAX_DETAIL} more characters)`;
}

/**
 * A source line with the sensitive spans (UTF-16 offsets, sorted and disjoint) replaced by `<sensitive>`; `from`
 * and `to` (0-based code point columns of the underlined range, `to` exclusive) moved to match: a range that starts
 * or ends inside a hidden span covers all of it.
 */
function hideInLine(text: string, spans: readonly Span[], from: number, to: number): { text: string; from: number; to: number } {
  if (spans.length === 0) return { text, from, to };
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
  return { text: hideSpans(text, spans), from: start, to: Math.max(start + 1, move(to, true)) };
}

/** A detail with every line capped, at most MAX_DETAIL_LINES of them, and control characters escaped. */
function capDetail(detail: string): string {
  const lines = escapeControls(detail).split('\n');
  const shown = lines.slice(0, MAX_DETAIL_LINES).map(capLine);
  if (lines.length > MAX_DETAIL_LINES) shown.push(`… (${lines.length - MAX_DETAIL_LINES} more lines)`);
  return shown.join('\n');
}

const red = (s: string) => `\x1b[31m${s}\x1b[0m`;
const yellow = (s: string) => `\x1b[33m${s}\x1b[0m`;
const bold = (s: string) => `\x1b[1m${s}\x1b[0m`;

function render(d: Diagnostic, lineOf: LineOf, opts: RenderOptions): string {
  const label = d.severity === 'error' ? 'Error' : 'Warning';
  const head = `${label}: ${capLine(escapeControls(d.summary).replace(/\n/g, ' '))}`;
  const lines = [opts.color ? bold((d.severity === 'error' ? red : yellow)(head)) : head, ''];
  if (d.range) {
    const { filename, start, end } = d.range;
    lines.push(`  on ${escapeControls(filename)} line ${start.line}, column ${start.column}:`);
    const src = lineOf(filename, start.line);
    if (src !== undefined) {
      const spaced = src.replace(/\t/g, ' ');
      const last = end.line === start.line ? Math.max(end.column, start.column + 1) : codePoints(spaced).length + 1;
      // Sensitive values are hidden before the line is cut and underlined, so the underline stays in place.
      const spans = opts.redact?.sourceSpans?.(filename, start.line, spaced) ?? [];
      const hidden = hideInLine(spaced, spans, start.column - 1, last - 1);
      lines.push(...quoteLine(`  ${String(start.line).padStart(3)}: `, hidden.text, hidden.from, hidden.to));
    }
    lines.push('');
  }
  if (d.detail) lines.push(capDetail(d.detail), '');
  const out = lines.join('\n') + '\n';
  return opts.redact ? opts.redact(out) : out;
}

/**
 * Renders a diagnostic the way Packer prints HCL diagnostics, but always with the location (file, line, column),
 * the source line and the range underlined.
 */
export function renderDiagnostic(d: Diagnostic, sources: Sources, opts: RenderOptions = {}): string {
  return render(d, lineReader(sources), opts);
}

function plural(n: number, word: string): string {
  return `${n} more ${word}${n === 1 ? '' : 's'}`;
}

/** Renders diagnostics in order, at most MAX_PER_FILE of each file, then one line per file saying how many were left out. */
export function renderDiagnostics(diags: readonly Diagnostic[], sources: Sources, opts: RenderOptions = {}): string {
  const lineOf = lineReader(sources);
  const shown = new Map<string, number>();
  const left = new Map<string, { errors: number; warnings: number }>();
  const out: string[] = [];
  for (const d of diags) {
    const file = d.range?.filename ?? '';
    const n = shown.get(file) ?? 0;
    if (n < MAX_PER_FILE) {
      shown.set(file, n + 1);
      out.push(render(d, lineOf, opts));
      continue;
    }
    const count = left.get(file) ?? { errors: 0, warnings: 0 };
    if (d.severity === 'error') count.errors += d.omitted ?? 1;
    else count.warnings += d.omitted ?? 1;
    left.set(file, count);
  }
  for (const [file, { errors, warnings }] of left) {
    const what = [errors > 0 ? plural(errors, 'error') : '', warnings > 0 ? plural(warnings, 'warning') : ''].filter(Boolean).join(' and ');
    const where = file ? `of ${escapeControls(file)}` : 'without a location';
    out.push(`... ${what} ${where} left out: at most ${MAX_PER_FILE} are shown per file.\n`);
  }
  return out.join('\n');
}
