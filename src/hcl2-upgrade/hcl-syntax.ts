// Spelling values in HCL native syntax: quoted template strings with their escapes, identifiers and object keys.

/** A piece of an HCL quoted template: literal text, or an expression interpolated with `${...}`. */
export type TemplatePart = { text: string } | { expr: string };

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_-]*$/;
const KEYWORDS = new Set(['true', 'false', 'null', 'for', 'in', 'if']);

export function isIdentifier(name: string): boolean {
  return IDENTIFIER.test(name);
}

/** Escapes literal text for an HCL quoted string, `${` and `%{` included (they would start a template sequence). */
export function escapeTemplateText(text: string): string {
  let out = '';
  for (const c of text) {
    const code = c.codePointAt(0)!;
    if (c === '\\') out += '\\\\';
    else if (c === '"') out += '\\"';
    else if (c === '\n') out += '\\n';
    else if (c === '\r') out += '\\r';
    else if (c === '\t') out += '\\t';
    else if (code < 0x20 || code === 0x7f) out += `\\u${code.toString(16).padStart(4, '0')}`;
    else out += c;
  }
  return out.replace(/\$\{/g, () => '$${').replace(/%\{/g, () => '%%{');
}

/** The inside of an HCL quoted template made of `parts` (adjacent texts are joined first). */
export function renderTemplate(parts: readonly TemplatePart[]): string {
  const merged: TemplatePart[] = [];
  for (const p of parts) {
    const last = merged[merged.length - 1];
    if ('text' in p && last && 'text' in last) merged[merged.length - 1] = { text: last.text + p.text };
    else merged.push(p);
  }
  return merged
    .map((p, i) => {
      if ('expr' in p) return '${' + p.expr + '}';
      const escaped = escapeTemplateText(p.text);
      // A `$` right before an interpolation would read as the `$${` escape: spell it as a unicode escape.
      return escaped.endsWith('$') && merged[i + 1] && 'expr' in merged[i + 1]! ? escaped.slice(0, -1) + '\\u0024' : escaped;
    })
    .join('');
}

/** A string literal expression. */
export function quoteString(text: string): string {
  return `"${renderTemplate([{ text }])}"`;
}

/** An object constructor key: bare when it reads as a name, quoted otherwise. */
export function objectKey(name: string): string {
  return isIdentifier(name) && !KEYWORDS.has(name) ? name : quoteString(name);
}
