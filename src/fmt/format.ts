// Canonical layout of HCL native syntax, as `packer fmt` and `terraform fmt` produce it (hclwrite's Format).
// It works on tokens, not on the syntax tree, so it keeps every comment and works on any text; only the
// spaces before tokens change. Three passes: indentation by bracket nesting, spaces between the tokens
// of each cell, then alignment of `=` and of trailing comments over runs of consecutive lines.

import { bracketChange, splitLines, type FormatLine } from './lines.js';
import { spaceAfter } from './spacing.js';
import { renderTokens, tokenizeForFormat, type FmtToken } from './tokens.js';
import { graphemes } from '../util/graphemes.js';

/** Formats HCL native syntax text. Never fails; text with syntax errors comes back laid out as far as it goes. */
export function formatHCL(source: string): string {
  const tokens = tokenizeForFormat(source);
  const lines = splitLines(tokens);
  indentLines(lines);
  for (const line of lines) spaceLine(line);
  alignCells(lines);
  return renderTokens(tokens);
}

/**
 * Each line is indented two spaces per open nesting level. A line that opens more brackets than it closes
 * starts a level (however many it opens); closing brackets leave levels when all that a level opened are
 * closed, so that lopsided input never drifts.
 */
function indentLines(lines: FormatLine[]): void {
  const levels: number[] = [];
  for (const line of lines) {
    const first = line.lead[0];
    if (!first) continue;
    if (first.kind === 'newline') {
      first.spaces = 0;
      continue;
    }
    let net = 0;
    for (const tok of line.lead) {
      net += bracketChange(tok);
      if (tok.kind === 'oheredoc') break;
    }
    for (const tok of line.assign ?? []) net += bracketChange(tok);
    if (net < 0) closeLevels(levels, -net);
    first.spaces = 2 * levels.length;
    if (net > 0) levels.push(net);
  }
}

function closeLevels(levels: number[], closed: number): void {
  while (closed > 0 && levels.length > 0) {
    const top = levels[levels.length - 1]!;
    if (closed >= top) {
      closed -= top;
      levels.pop();
    } else {
      levels[levels.length - 1] = top - closed;
      closed = 0;
    }
  }
}

function spaceLine(line: FormatLine): void {
  spaceCell(line.lead);
  if (line.assign) {
    line.assign[0]!.spaces = 1;
    spaceCell(line.assign);
  }
}

function spaceCell(cell: FmtToken[]): void {
  for (let i = 0; i + 1 < cell.length; i++) {
    cell[i + 1]!.spaces = spaceAfter(cell[i]!, cell[i - 1], cell[i + 1]!) ? 1 : 0;
  }
}

/**
 * Aligns the `=` of consecutive lines that have an assign cell, then the comments of consecutive lines
 * that have a comment cell. Any line without such a cell (blank, comment-only, a block header, a value
 * spanning lines) ends the run.
 */
function alignCells(lines: FormatLine[]): void {
  alignRuns(
    lines,
    (l) => l.assign?.[0],
    (l) => columns(l.lead),
  );
  alignRuns(
    lines,
    (l) => l.comment?.[0],
    (l) => columns(l.lead) + columns(l.assign ?? []),
  );
}

function alignRuns(lines: FormatLine[], cellStart: (l: FormatLine) => FmtToken | undefined, width: (l: FormatLine) => number): void {
  let run: FormatLine[] = [];
  const close = () => {
    const max = Math.max(...run.map(width));
    for (const l of run) cellStart(l)!.spaces = max - width(l) + 1;
    run = [];
  };
  for (const line of lines) {
    if (cellStart(line)) run.push(line);
    else if (run.length > 0) close();
  }
  if (run.length > 0) close();
}

/** Width of a cell in columns: spaces plus grapheme clusters. */
function columns(cell: readonly FmtToken[]): number {
  let n = 0;
  for (const tok of cell) {
    n += tok.spaces;
    n += graphemes(tok.text).length;
  }
  return n;
}
