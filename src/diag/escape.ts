// Template text shown inside diagnostics is shown, never obeyed: a terminal escape sequence from a template
// (ESC [ 31m) would otherwise recolour, move or clear the user's terminal, and a bidirectional override would
// make the quoted line read differently from the file.

/** C0 and C1 control characters, DEL, and the bidirectional embedding, override and isolate characters. */
const UNSAFE = '\\x00-\\x1f\\x7f-\\x9f\\u202a-\\u202e\\u2066-\\u2069';
const UNSAFE_CHARS = new RegExp(`[${UNSAFE}]`, 'g');
const UNSAFE_CHAR = new RegExp(`^[${UNSAFE}]$`);

function escapeChar(c: string): string {
  const code = c.charCodeAt(0);
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/** `text` with its control characters spelled as escapes (`\x1b`); tabs and newlines stay as they are. */
export function escapeControls(text: string): string {
  return text.replace(UNSAFE_CHARS, (c) => (c === '\t' || c === '\n' ? c : escapeChar(c)));
}

/** How one character of a quoted source line is shown: a tab as one space, a control character escaped. */
export function displayChar(c: string): string {
  if (c === '\t') return ' ';
  return UNSAFE_CHAR.test(c) ? escapeChar(c) : c;
}
