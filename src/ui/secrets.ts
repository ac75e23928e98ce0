// The sensitive texts of a run and the one way they are hidden: every occurrence becomes `<sensitive>`. A run's set
// grows while it runs (a plugin configuration holding a value derived from a secret is known only when the plugin
// is about to start), so the redactor reads the set as it is when called.

import type { Range } from '../hcl/ast.js';

/** A run of UTF-16 offsets [start, end) of a text. */
export type Span = readonly [number, number];

/**
 * Hides sensitive text. A redactor made by `Secrets` can also say which parts of a source line to hide (by value and
 * by position: the values assigned to sensitive variables), so that a quoted line stays aligned with its underline.
 */
export type Redact = ((s: string) => string) & { readonly sourceSpans?: (filename: string, line: number, text: string) => Span[] };

export const SENSITIVE = '<sensitive>';

/**
 * The shortest line of a multi-line secret hidden on its own: output is written line by line, so each line of a
 * private key or a credentials file must be found alone; a line of two or three characters (`}`, `-->`) is not a
 * secret worth hiding everywhere it appears.
 */
const MIN_LINE = 4;

/** The texts under which a sensitive value can appear: as is, each line of it, and escaped as in JSON or HCL strings. */
function formsOf(secret: string): string[] {
  const forms = [secret, JSON.stringify(secret).slice(1, -1)];
  const lines = secret.split(/\r?\n/);
  if (lines.length > 1) for (const l of lines.map((x) => x.trim())) if (l.length >= MIN_LINE) forms.push(l, JSON.stringify(l).slice(1, -1));
  return forms;
}

/** Merges spans into sorted, disjoint runs. */
function mergeSpans(spans: Span[]): Span[] {
  const sorted = [...spans].sort((a, b) => a[0] - b[0]);
  const out: [number, number][] = [];
  for (const [s, e] of sorted) {
    const last = out[out.length - 1];
    if (last && s <= last[1]) last[1] = Math.max(last[1], e);
    else out.push([s, e]);
  }
  return out;
}

/** `text` with each span replaced by `<sensitive>`. */
export function hideSpans(text: string, spans: readonly Span[]): string {
  let out = '';
  let at = 0;
  for (const [s, e] of spans) {
    out += text.slice(at, s) + SENSITIVE;
    at = e;
  }
  return out + text.slice(at);
}

/** UTF-16 offset of code point `column` (0-based) of `text`. */
function offsetOfColumn(text: string, column: number): number {
  let offset = 0;
  for (let n = 0; n < column && offset < text.length; n++) offset += (text.codePointAt(offset) ?? 0) > 0xffff ? 2 : 1;
  return offset;
}

export class Secrets {
  private readonly forms = new Set<string>();
  private readonly ranges: Range[] = [];

  constructor(texts: Iterable<string> = []) {
    this.add(texts);
  }

  /** Adds sensitive values (the empty string is no secret). */
  add(texts: Iterable<string>): void {
    for (const t of texts) if (t.length > 0) for (const f of formsOf(t)) if (f.length > 0) this.forms.add(f);
  }

  /** Adds source ranges whose text is sensitive whatever it is (a value assigned to a sensitive variable). */
  addRanges(ranges: Iterable<Range>): void {
    this.ranges.push(...ranges);
  }

  /** A copy that can grow on its own. */
  copy(): Secrets {
    const c = new Secrets();
    for (const f of this.forms) c.forms.add(f);
    c.ranges.push(...this.ranges);
    return c;
  }

  /** Where sensitive values occur in `text`: every occurrence of every form, merged (nothing of one is left out). */
  spans(text: string): Span[] {
    const found: Span[] = [];
    for (const f of this.forms) {
      for (let i = text.indexOf(f); i >= 0; i = text.indexOf(f, i + 1)) found.push([i, i + f.length]);
    }
    return found.length === 0 ? [] : mergeSpans(found);
  }

  /** The spans of line `line` (1-based) of `filename` to hide: sensitive values, and sensitive ranges on that line. */
  sourceSpans(filename: string, line: number, text: string): Span[] {
    const found = [...this.spans(text)];
    for (const r of this.ranges) {
      if (r.filename !== filename || line < r.start.line || line > r.end.line) continue;
      const start = line === r.start.line ? offsetOfColumn(text, r.start.column - 1) : 0;
      const end = line === r.end.line ? offsetOfColumn(text, r.end.column - 1) : text.length;
      if (end > start) found.push([start, end]);
    }
    return mergeSpans(found);
  }

  /** Hides every sensitive value of `s`. */
  readonly redact: Redact = Object.assign((s: string) => (this.forms.size === 0 ? s : hideSpans(s, this.spans(s))), {
    sourceSpans: (filename: string, line: number, text: string) => this.sourceSpans(filename, line, text),
  });
}
