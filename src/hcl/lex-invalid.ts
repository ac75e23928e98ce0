import { boundedSink, type Diagnostic } from '../diag/diagnostic.js';
import type { Positioner } from './position.js';
import type { Token } from './token.js';

const BITWISE_HINT: Record<string, string> = {
  '&': ' Did you mean boolean AND ("&&")?',
  '|': ' Did you mean boolean OR ("||")?',
  '~': ' Did you mean boolean NOT ("!")?',
  '^': '',
};

/**
 * Diagnostics for tokens that never belong in HCL source, reported once here so the parser need not
 * know them. Repeated kinds are reported a limited number of times, as HCL does.
 */
export function reportInvalidTokens(tokens: readonly Token[], positioner: Positioner): Diagnostic[] {
  const diags: Diagnostic[] = [];
  const told = { bitwise: 0, backtick: 0, apostrophe: 0, semicolon: 0 };
  const make = (summary: string, detail: string, tok: Token): Diagnostic => ({ severity: 'error', summary, detail, range: positioner.range(tok.start, tok.end) });
  const add = (summary: string, detail: string, tok: Token) => diags.push(make(summary, detail, tok));
  // HCL reports every invalid character; a file of them is reported by its first hundred.
  const invalid = boundedSink(diags, 100);
  for (const tok of tokens) {
    if (tok.type === 'invalid') {
      invalid.add(() => make('Invalid character', 'This character is not used within the language.', tok));
    } else if (tok.type === 'qnewline') {
      add(
        'Invalid multi-line string',
        'Quoted strings may not be split over multiple lines. To produce a multi-line string, either use the \\n escape to represent a newline character or use the "heredoc" multi-line template syntax.',
        tok,
      );
    } else if (tok.type === 'punct') {
      const hint = BITWISE_HINT[tok.text];
      if (hint !== undefined) {
        if (told.bitwise++ < 4) add('Unsupported operator', `Bitwise operators are not supported.${hint}`, tok);
      } else if (tok.text === '`') {
        if (told.backtick++ % 2 === 0)
          add('Invalid character', 'The "`" character is not valid. To create a multi-line string, use the "heredoc" syntax, like "<<EOT".', tok);
      } else if (tok.text === "'") {
        if (told.apostrophe++ % 2 === 0)
          add('Invalid character', 'Single quotes are not valid. Use double quotes (") to enclose strings.', tok);
      } else if (tok.text === ';') {
        if (told.semicolon++ < 1)
          add('Invalid character', 'The ";" character is not valid. Use newlines to separate arguments and blocks, and commas to separate items in collection values.', tok);
      }
    }
  }
  invalid.close();
  return diags;
}
