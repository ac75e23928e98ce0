// The token stream the formatter works on: the native syntax lexer's tokens with the comments put back in
// source order, classified the way HCL's own scanner classifies them. Formatting only ever changes the
// spaces before a token, so writing the tokens back reproduces every character of the source but spaces.

import { lexHCL } from '../hcl/lexer.js';
import { createPositioner } from '../hcl/position.js';
import type { Token, TokenType } from '../hcl/token.js';

/** Kinds of tokens as HCL's scanner tells them apart: the lexer's own, each operator by itself, and comments. */
export type FmtKind = Exclude<TokenType, 'punct' | 'qnewline' | 'invalid'> | (typeof PUNCT)[keyof typeof PUNCT] | 'comment' | 'other';

export interface FmtToken {
  kind: FmtKind;
  text: string;
  /** Spaces written before the token; the formatter rewrites this and nothing else. */
  spaces: number;
}

const PUNCT = {
  '{': 'obrace',
  '}': 'cbrace',
  '[': 'obrack',
  ']': 'cbrack',
  '(': 'oparen',
  ')': 'cparen',
  '.': 'dot',
  ',': 'comma',
  '...': 'ellipsis',
  '=': 'equal',
  ':': 'colon',
  '?': 'question',
  '-': 'minus',
  '+': 'plus',
  '*': 'star',
  '/': 'slash',
  '%': 'percent',
  '==': 'eq',
  '!=': 'neq',
  '>': 'gt',
  '>=': 'gte',
  '<': 'lt',
  '<=': 'lte',
  '&&': 'and',
  '||': 'or',
  '!': 'bang',
} as const;

function kindOf(tok: Token): FmtKind {
  switch (tok.type) {
    case 'punct':
      return (PUNCT as Record<string, FmtKind>)[tok.text] ?? 'other';
    case 'qnewline':
    case 'invalid':
      return 'other';
    default:
      return tok.type;
  }
}

interface Piece {
  kind: FmtKind;
  start: number;
  end: number;
}

/**
 * Tokens of `source` in order, ending with an `eof` token. A line comment (`#`, `//`) takes its
 * terminating newline, as in HCL's scanner, so that it ends its line itself. A byte order mark and
 * whitespace are not tokens (so a byte order mark is dropped, as Packer does); the spaces before `eof` are the whitespace left at the end of the source.
 */
export function tokenizeForFormat(source: string): FmtToken[] {
  const lexed = lexHCL(source, createPositioner(source, ''));
  const pieces: Piece[] = [];
  const comments = lexed.comments.map((c) => ({ start: c.range.start.offset, end: c.range.end.offset }));
  let ci = 0;
  for (const tok of lexed.tokens) {
    while (ci < comments.length && comments[ci]!.start < tok.start + (tok.type === 'eof' ? 1 : 0)) {
      pieces.push({ kind: 'comment', ...comments[ci]! });
      ci++;
    }
    const prev = pieces[pieces.length - 1];
    if (tok.type === 'newline' && prev?.kind === 'comment' && prev.end === tok.start && isOpenLineComment(source, prev)) {
      prev.end = tok.end;
      continue;
    }
    pieces.push({ kind: kindOf(tok), start: tok.start, end: tok.end });
  }
  let last = source.charCodeAt(0) === 0xfeff ? 1 : 0;
  return pieces.map((p) => {
    const spaces = p.start - last;
    last = p.end;
    return { kind: p.kind, text: source.slice(p.start, p.end), spaces };
  });
}

function isOpenLineComment(source: string, c: Piece): boolean {
  return !source.startsWith('/*', c.start) && source.charCodeAt(c.end - 1) !== 10;
}

/** Writes tokens back to text. */
export function renderTokens(tokens: readonly FmtToken[]): string {
  return tokens.map((t) => ' '.repeat(t.spaces) + t.text).join('');
}
