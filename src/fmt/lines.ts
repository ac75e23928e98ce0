// Splits a token stream into lines of up to three cells, the unit of alignment in canonical HCL layout:
// `lead` (everything before the others), `assign` (from the `=` of a single-line attribute) and `comment`
// (a line comment ending a line that has other tokens).

import type { FmtToken } from './tokens.js';

export interface FormatLine {
  lead: FmtToken[];
  /** From the `=` of an attribute whose value opens and closes its brackets on this line. */
  assign?: FmtToken[];
  /** A trailing line comment. */
  comment?: FmtToken[];
}

/** True for a token that ends its line: a newline, or a line comment, which holds its newline. */
export function endsLine(tok: FmtToken): boolean {
  return tok.kind === 'newline' || (tok.kind === 'comment' && tok.text.endsWith('\n'));
}

/** +1 for a token opening a bracket or template sequence, -1 for one closing it, else 0. */
export function bracketChange(tok: FmtToken): number {
  switch (tok.kind) {
    case 'obrace':
    case 'obrack':
    case 'oparen':
    case 'tinterp':
    case 'tcontrol':
      return 1;
    case 'cbrace':
    case 'cbrack':
    case 'cparen':
    case 'tend':
      return -1;
    default:
      return 0;
  }
}

export function netBrackets(tokens: readonly FmtToken[]): number {
  return tokens.reduce((n, t) => n + bracketChange(t), 0);
}

/**
 * Lines of `tokens` (the final `eof` belongs to none). A heredoc has no newline tokens inside, so a
 * heredoc and its content form one line with the attribute that holds it.
 */
export function splitLines(tokens: readonly FmtToken[]): FormatLine[] {
  const lines: FormatLine[] = [];
  let current: FmtToken[] = [];
  for (const tok of tokens) {
    if (tok.kind === 'eof') break;
    current.push(tok);
    if (endsLine(tok)) {
      lines.push({ lead: current });
      current = [];
    }
  }
  lines.push({ lead: current });
  for (const line of lines) splitCells(line);
  return lines;
}

function splitCells(line: FormatLine): void {
  const { lead } = line;
  if (lead.length > 1 && lead[lead.length - 1]!.kind === 'comment') {
    line.comment = lead.slice(-1);
    line.lead = lead.slice(0, -1);
  }
  const eq = line.lead.findIndex((t, i) => i > 0 && t.kind === 'equal');
  if (eq > 0 && netBrackets(line.lead.slice(eq)) === 0) {
    line.assign = line.lead.slice(eq);
    line.lead = line.lead.slice(0, eq);
  }
}
