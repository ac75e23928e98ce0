// Token cursor shared by the parsing functions: newline sensitivity, recovery, depth limits and
// diagnostics. One instance per parse; nothing is kept between parses.

import type { Diagnostic } from '../diag/diagnostic.js';
import type { Expression, Range } from './ast.js';
import type { Positioner } from './position.js';
import type { Token } from './token.js';

/** Deepest nesting of expressions, blocks and template directives accepted. */
export const MAX_DEPTH = 256;

const OPENER_OF: Record<string, string> = {
  ')': '(',
  ']': '[',
  '}': '{',
  cquote: 'oquote',
  cheredoc: 'oheredoc',
  tend: 'tinterp',
};

const OPENERS = new Set(Object.values(OPENER_OF));
const BRACKETS = new Set([')', ']', '}']);
const BRACKET_OPENERS = new Set(['(', '[', '{']);

/** A token's matching key: its text for punctuation, its type otherwise (`%{` counts as `${`). */
export function tokenKey(tok: Token): string {
  if (tok.type === 'punct') return tok.text;
  if (tok.type === 'tcontrol') return 'tinterp';
  return tok.type;
}

export class ParserState {
  readonly diags: Diagnostic[] = [];
  /** Set after an error whose recovery may have left the cursor somewhere odd: mutes follow-on errors. */
  recovery = false;
  depth = 0;
  private pos = 0;
  private readonly newlines: boolean[] = [true];
  /** Offset just after the last token read. */
  lastEnd = 0;

  constructor(
    readonly tokens: readonly Token[],
    readonly positioner: Positioner,
  ) {}

  get filename(): string {
    return this.positioner.filename;
  }

  pushNewlines(include: boolean): void {
    this.newlines.push(include);
  }

  popNewlines(): void {
    if (this.newlines.length > 1) this.newlines.pop();
  }

  private peekIndex(): number {
    let i = this.pos;
    if (!this.newlines[this.newlines.length - 1]) while (this.tokens[i]!.type === 'newline') i++;
    return i;
  }

  peek(): Token {
    return this.tokens[this.peekIndex()]!;
  }

  /** Consumes and returns the next token. The end-of-file token is never consumed. */
  read(): Token {
    const i = this.peekIndex();
    const tok = this.tokens[i]!;
    if (tok.type !== 'eof') this.pos = i + 1;
    this.lastEnd = tok.end;
    return tok;
  }

  peekPunct(text: string): boolean {
    const tok = this.peek();
    return tok.type === 'punct' && tok.text === text;
  }

  peekKeyword(word: string): boolean {
    const tok = this.peek();
    return tok.type === 'ident' && tok.text === word;
  }

  range(start: number, end: number): Range {
    return this.positioner.range(start, end);
  }

  /** From the start of `range` to the text offset `end`. */
  spanFrom(range: Range, end: number): Range {
    return { filename: range.filename, start: range.start, end: this.positioner.pos(end) };
  }

  /** From the text offset `start` to the end of `range`. */
  spanTo(start: number, range: Range): Range {
    return { filename: range.filename, start: this.positioner.pos(start), end: range.end };
  }

  tokRange(tok: Token): Range {
    return this.positioner.range(tok.start, tok.end);
  }

  error(summary: string, detail: string, range: Range, context?: Range): void {
    this.diags.push({ severity: 'error', summary, detail, range, context });
  }

  /** True when errors were added since `mark` (a `diags.length`) while in recovery mode. */
  failedSince(mark: number): boolean {
    return this.recovery && this.diags.length > mark;
  }

  /**
   * Skips to the token closing the current bracket (by key, such as ')' or 'cquote'), counting nested
   * pairs, and returns it consumed. Stops at the end of file, and, when looking for a bracket, before
   * an unmatched closing bracket of another kind (returned, not consumed), so that a missing `)` does
   * not swallow the enclosing block.
   */
  recover(endKey: string): Token {
    const startKey = OPENER_OF[endKey];
    const brackets = BRACKETS.has(endKey);
    this.recovery = true;
    const open: string[] = [];
    for (;;) {
      const tok = this.peek();
      const key = tokenKey(tok);
      if (tok.type === 'eof') return tok;
      if (key === endKey && open.length === 0) return this.read();
      if (brackets && BRACKETS.has(key)) {
        if (open.length === 0) return tok;
        if (open[open.length - 1] === OPENER_OF[key]) open.pop();
      } else if (key === startKey || (brackets && BRACKET_OPENERS.has(key))) {
        open.push(key);
      } else if (key === endKey) {
        open.pop();
      }
      this.read();
    }
  }

  /**
   * Skips the rest of a broken attribute or block: to just after the next newline outside brackets,
   * or to (not past) a `}` that closes the enclosing body, or to the end of file.
   */
  recoverAfterBodyItem(): void {
    this.recovery = true;
    this.pushNewlines(true);
    let nest = 0;
    for (;;) {
      const tok = this.peek();
      if (tok.type === 'eof') break;
      const key = tokenKey(tok);
      if (key === 'newline' && nest === 0) {
        this.read();
        break;
      }
      if (key === '}' && nest === 0) break;
      if (OPENERS.has(key)) nest++;
      else if (OPENER_OF[key] !== undefined && nest > 0) nest--;
      this.read();
    }
    this.popNewlines();
  }

  /**
   * Reports that nesting is too deep (unless already recovering) and returns a placeholder; callers
   * check `depth` against MAX_DEPTH before recursing.
   */
  tooDeep(): Expression {
    const tok = this.peek();
    const range = this.tokRange(tok);
    if (!this.recovery) {
      this.error('Nesting too deep', `This configuration nests expressions or blocks more than ${MAX_DEPTH} levels deep.`, range);
    }
    this.recovery = true;
    return { kind: 'literal', value: null, range };
  }
}
