// Tokenizer for HCL native syntax. It switches between expression mode and the template modes
// (quoted string, heredoc, bare template) with a stack of frames, the way the HCL scanner does, so the
// whole token list is known before parsing starts. Comments are kept aside, in source order.

import type { Comment } from './ast.js';
import type { Diagnostic } from '../diag/diagnostic.js';
import type { Positioner } from './position.js';
import type { Token, TokenType } from './token.js';
import { charLength, isDigit, isIdentStart, scanIdent, scanNumber } from './lex-chars.js';
import { reportInvalidTokens } from './lex-invalid.js';

export interface LexResult {
  tokens: Token[];
  comments: Comment[];
  diagnostics: Diagnostic[];
}

type Frame =
  | { kind: 'main'; braces: number; interp: boolean }
  | { kind: 'quoted' }
  | { kind: 'heredoc'; marker: string; startOfLine: boolean }
  | { kind: 'bare' };

const OPERATORS3 = ['...'];
const OPERATORS2 = ['==', '!=', '>=', '<=', '&&', '||', '::', '=>'];
const SINGLE = new Set('[]().,*/%+-=<>!?:&|~^;`\''.split(''));

/**
 * Splits `text` into tokens. `mode` 'config' starts in expression mode (a configuration file);
 * 'template' starts in bare template mode (a whole text is one template, as in JSON strings).
 */
export function lexHCL(text: string, positioner: Positioner, mode: 'config' | 'template' = 'config'): LexResult {
  const lexer = new Lexer(text, positioner, mode);
  lexer.run();
  const diagnostics = [...lexer.diagnostics, ...reportInvalidTokens(lexer.tokens, positioner)];
  return { tokens: lexer.tokens, comments: lexer.comments, diagnostics };
}

/** At `i`: the start of a `${`/`%{` sequence, an escaped `$${`/`%%{`, or neither. */
function sequenceAt(text: string, i: number): 'start' | 'escape' | undefined {
  const c = text.charCodeAt(i);
  if (c !== 36 && c !== 37) return undefined;
  const d = text.charCodeAt(i + 1);
  if (d === 123) return 'start';
  return d === c && text.charCodeAt(i + 2) === 123 ? 'escape' : undefined;
}

/** Whether the character at `i` starts no token in expression mode (whitespace and comments aside). */
function isInvalidStart(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c === 32 || c === 9 || c === 10 || c === 13 || c === 34 || c === 35 || c === 123 || c === 125) return false;
  return !isDigit(c) && !isIdentStart(text, i) && !SINGLE.has(text[i]!);
}

class Lexer {
  readonly tokens: Token[] = [];
  readonly comments: Comment[] = [];
  readonly diagnostics: Diagnostic[] = [];
  private pos = 0;
  private readonly frames: Frame[];

  constructor(
    private readonly text: string,
    private readonly positioner: Positioner,
    mode: 'config' | 'template',
  ) {
    this.frames = [mode === 'config' ? { kind: 'main', braces: 0, interp: false } : { kind: 'bare' }];
    if (text.charCodeAt(0) === 0xfeff) this.pos = 1;
  }

  run(): void {
    while (this.pos < this.text.length) {
      const frame = this.frames[this.frames.length - 1]!;
      switch (frame.kind) {
        case 'main':
          this.scanMain(frame);
          break;
        case 'quoted':
          this.scanQuoted();
          break;
        case 'heredoc':
          this.scanHeredoc(frame);
          break;
        case 'bare':
          this.scanTemplateLiteral(false);
          break;
      }
    }
    this.emit('eof', this.text.length, this.text.length);
  }

  private emit(type: TokenType, start: number, end: number): void {
    this.tokens.push({ type, text: this.text.slice(start, end), start, end });
    this.pos = end;
  }

  private startsWith(s: string, at = this.pos): boolean {
    return this.text.startsWith(s, at);
  }

  private scanMain(frame: Extract<Frame, { kind: 'main' }>): void {
    const { text } = this;
    const i = this.pos;
    const c = text.charCodeAt(i);
    if (c === 32 || c === 9) {
      let j = i + 1;
      while (text.charCodeAt(j) === 32 || text.charCodeAt(j) === 9) j++;
      this.pos = j;
      return;
    }
    if (c === 10) return this.emit('newline', i, i + 1);
    if (c === 13 && text.charCodeAt(i + 1) === 10) return this.emit('newline', i, i + 2);
    if (c === 35 || (c === 47 && text.charCodeAt(i + 1) === 47)) return this.scanLineComment(i);
    if (c === 47 && text.charCodeAt(i + 1) === 42) return this.scanBlockComment(i);
    if (isDigit(c)) return this.emit('number', i, scanNumber(text, i));
    if (isIdentStart(text, i)) return this.emit('ident', i, scanIdent(text, i));
    if (c === 34) {
      this.emit('oquote', i, i + 1);
      this.frames.push({ kind: 'quoted' });
      return;
    }
    if (c === 60 && text.charCodeAt(i + 1) === 60 && this.scanHeredocStart(i)) return;
    if (c === 123) {
      frame.braces++;
      return this.emit('punct', i, i + 1);
    }
    if (c === 125 || (c === 126 && text.charCodeAt(i + 1) === 125)) {
      const len = c === 125 ? 1 : 2;
      if (frame.interp && frame.braces === 0) {
        this.emit('tend', i, i + len);
        this.frames.pop();
        return;
      }
      if (len === 1) {
        if (frame.braces > 0) frame.braces--;
        return this.emit('punct', i, i + 1);
      }
    }
    for (const op of OPERATORS3) if (this.startsWith(op)) return this.emit('punct', i, i + op.length);
    for (const op of OPERATORS2) if (this.startsWith(op)) return this.emit('punct', i, i + op.length);
    if (SINGLE.has(text[i]!)) return this.emit('punct', i, i + 1);
    // A run of characters that are all invalid is one token (one "Invalid character"), not one per character.
    let end = i + charLength(text, i);
    while (end < text.length && isInvalidStart(text, end)) end += charLength(text, end);
    this.emit('invalid', i, end);
  }

  private scanLineComment(i: number): void {
    let j = i;
    while (j < this.text.length && this.text.charCodeAt(j) !== 10) j++;
    if (this.text.charCodeAt(j - 1) === 13 && j > i) j--;
    this.addComment(i, j);
  }

  private scanBlockComment(i: number): void {
    const close = this.text.indexOf('*/', i + 2);
    if (close < 0) {
      const end = this.text.length;
      this.diagnostics.push({
        severity: 'error',
        summary: 'Unterminated comment',
        detail: 'There is no closing "*/" for this comment before the end of the file.',
        range: this.positioner.range(i, i + 2),
      });
      this.addComment(i, end);
      return;
    }
    this.addComment(i, close + 2);
  }

  private addComment(start: number, end: number): void {
    this.comments.push({ text: this.text.slice(start, end), range: this.positioner.range(start, end) });
    this.pos = end;
  }

  /** `<<EOT` or `<<-EOT` followed by a newline opens a heredoc; anything else is two `<`. */
  private scanHeredocStart(i: number): boolean {
    const { text } = this;
    let j = i + 2;
    if (text.charCodeAt(j) === 45) j++;
    if (j >= text.length || !isIdentStart(text, j)) return false;
    const markerEnd = scanIdent(text, j);
    let k = markerEnd;
    if (text.charCodeAt(k) === 13) k++;
    if (text.charCodeAt(k) !== 10) return false;
    this.emit('oheredoc', i, k + 1);
    this.frames.push({ kind: 'heredoc', marker: text.slice(j, markerEnd), startOfLine: true });
    return true;
  }

  /** Opens an interpolation or directive at `i` if one starts there (`${`, `%{`, with optional `~`). */
  private scanSequenceStart(i: number): boolean {
    const { text } = this;
    const c = text.charCodeAt(i);
    if ((c !== 36 && c !== 37) || text.charCodeAt(i + 1) !== 123) return false;
    const len = text.charCodeAt(i + 2) === 126 ? 3 : 2;
    this.emit(c === 36 ? 'tinterp' : 'tcontrol', i, i + len);
    this.frames.push({ kind: 'main', braces: 0, interp: true });
    return true;
  }

  private scanQuoted(): void {
    const { text } = this;
    const i = this.pos;
    if (this.scanSequenceStart(i)) return;
    const c = text.charCodeAt(i);
    if (c === 34) {
      this.emit('cquote', i, i + 1);
      this.frames.pop();
      return;
    }
    if (c === 10 || c === 13) {
      let j = i;
      while (text.charCodeAt(j) === 10 || text.charCodeAt(j) === 13) j++;
      return this.emit('qnewline', i, j);
    }
    let j = i;
    while (j < text.length) {
      const d = text.charCodeAt(j);
      if (d === 34 || d === 10 || d === 13) break;
      if (d === 92) {
        const e = text.charCodeAt(j + 1);
        j += j + 1 < text.length && e !== 10 && e !== 13 ? 1 + charLength(text, j + 1) : 1;
        continue;
      }
      const seq = sequenceAt(text, j);
      if (seq === 'start') break;
      j += seq === 'escape' ? 3 : 1;
    }
    this.emit('qlit', i, j);
  }

  private scanHeredoc(frame: Extract<Frame, { kind: 'heredoc' }>): void {
    const { text } = this;
    const i = this.pos;
    if (frame.startOfLine) {
      const nl = text.indexOf('\n', i);
      if (nl >= 0) {
        const lineEnd = text.charCodeAt(nl - 1) === 13 && nl - 1 >= i ? nl - 1 : nl;
        if (text.slice(i, lineEnd).trim() === frame.marker) {
          this.emit('cheredoc', i, lineEnd);
          this.frames.pop();
          return;
        }
      }
    }
    if (this.scanSequenceStart(i)) {
      frame.startOfLine = false;
      return;
    }
    frame.startOfLine = this.scanTemplateLiteral(true);
  }

  /**
   * Scans literal text of a heredoc or bare template up to the next sequence start or through the end
   * of the line (one token per line, as strip markers and flush heredocs work line by line). Returns
   * true when the token ended with a newline.
   */
  private scanTemplateLiteral(stopAtSequence: boolean): boolean {
    const { text } = this;
    const i = this.pos;
    if (!stopAtSequence && this.scanSequenceStart(i)) return false;
    let j = i;
    while (j < text.length) {
      const d = text.charCodeAt(j);
      if (d === 10) {
        this.emit('slit', i, j + 1);
        return true;
      }
      const seq = sequenceAt(text, j);
      if (seq === 'start') break;
      j += seq === 'escape' ? 3 : 1;
    }
    this.emit('slit', i, j);
    return false;
  }
}
