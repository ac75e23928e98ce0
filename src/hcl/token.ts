/** Token kinds of HCL native syntax. Punctuation and operators are `punct` with their text. */
export type TokenType =
  | 'ident'
  | 'number'
  | 'punct'
  | 'newline'
  | 'eof'
  /** `"` opening a quoted template. */
  | 'oquote'
  | 'cquote'
  /** `<<EOT` or `<<-EOT` with its newline. */
  | 'oheredoc'
  /** The closing marker line of a heredoc, without its newline. */
  | 'cheredoc'
  /** Literal text of a quoted template: may hold backslash escapes. */
  | 'qlit'
  /** Literal text of a heredoc or bare template: no backslash escapes. */
  | 'slit'
  /** `${` or `${~`. */
  | 'tinterp'
  /** `%{` or `%{~`. */
  | 'tcontrol'
  /** `}` or `~}` closing a template sequence. */
  | 'tend'
  /** A newline inside a quoted template (an error). */
  | 'qnewline'
  /** A character that has no meaning in the language. */
  | 'invalid';

export interface Token {
  type: TokenType;
  /** Source text of the token. */
  text: string;
  /** 0-based offsets into the scanned text; `end` is exclusive. */
  start: number;
  end: number;
}

export function isPunct(tok: Token, text: string): boolean {
  return tok.type === 'punct' && tok.text === text;
}
