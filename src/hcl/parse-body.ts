// Bodies of HCL native syntax: attributes `name = expr` and blocks `type "label" { ... }`, each ending
// with a newline. After an error the parser skips to the next line (or the closing brace) and goes on,
// so every broken item of a file is reported.

import type { Attribute, Block, Body } from './ast.js';
import { MAX_DEPTH, type ParserState } from './parser-state.js';
import type { Token } from './token.js';
import { parseExpression } from './parse-expression.js';
import { decodeTemplateLiteral } from './string-literal.js';

type Item = Attribute | Block;

const UNCLOSED_BLOCK = 'There is no closing brace for this block before the end of the file. This may be caused by incorrect brace nesting elsewhere in this file.';

/**
 * Parses body items up to the end of file (top level, `open` undefined) or up to the `}` matching
 * `open`. Returns the items and the offset just after the body's last token.
 */
export function parseBodyItems(p: ParserState, open?: Token): { items: Item[]; end: number } {
  const items: Item[] = [];
  p.pushNewlines(true);
  try {
    for (;;) {
      const tok = p.peek();
      if (tok.type === 'newline') {
        p.read();
        continue;
      }
      if (tok.type === 'eof') {
        if (open) p.error('Unclosed configuration block', UNCLOSED_BLOCK, p.tokRange(open));
        return { items, end: tok.start };
      }
      if (open && tok.type === 'punct' && tok.text === '}') return { items, end: p.read().end };
      p.recovery = false;
      if (tok.type === 'ident') {
        const item = parseBodyItem(p);
        if (item) items.push(item);
        continue;
      }
      if (tok.type === 'oquote') {
        p.error('Invalid argument name', 'Argument names must not be quoted.', p.tokRange(tok));
      } else {
        p.error('Argument or block definition required', 'An argument or block definition is required here.', p.tokRange(tok));
      }
      if (tok.type === 'punct' && tok.text === '}') p.read();
      p.recoverAfterBodyItem();
    }
  } finally {
    p.popNewlines();
  }
}

function parseBodyItem(p: ParserState): Item | undefined {
  const ident = p.read();
  const next = p.peek();
  if (next.type === 'punct' && next.text === '=') return parseAttribute(p, ident, false);
  if (next.type === 'oquote' || next.type === 'ident' || (next.type === 'punct' && next.text === '{')) {
    return parseBlock(p, ident);
  }
  p.error('Argument or block definition required', 'An argument or block definition is required here. To set an argument, use the equals sign "=" to introduce the argument value.', p.tokRange(ident));
  p.recoverAfterBodyItem();
  return undefined;
}

function parseAttribute(p: ParserState, ident: Token, singleLine: boolean): Attribute {
  p.read();
  const mark = p.diags.length;
  const expr = parseExpression(p);
  const attr: Attribute = {
    kind: 'attribute',
    name: ident.text,
    nameRange: p.tokRange(ident),
    expr,
    range: p.spanTo(ident.start, expr.range),
  };
  if (p.failedSince(mark)) {
    p.recoverAfterBodyItem();
    return attr;
  }
  if (singleLine) return attr;
  const end = p.peek();
  if (end.type === 'newline' || end.type === 'eof') {
    p.read();
    return attr;
  }
  if (!p.recovery) {
    const comma = end.type === 'punct' && end.text === ',';
    const detail = 'An argument definition must end with a newline.';
    p.error(
      comma ? 'Unexpected comma after argument' : 'Missing newline after argument',
      comma ? 'Argument definitions must be separated by newlines, not commas. ' + detail : detail,
      p.tokRange(end),
      p.range(ident.start, end.end),
    );
  }
  p.recoverAfterBodyItem();
  return attr;
}

function parseBlock(p: ParserState, ident: Token): Block {
  const labels: string[] = [];
  const labelRanges: Block['labelRanges'] = [];
  for (;;) {
    const tok = p.peek();
    if (tok.type === 'punct' && tok.text === '{') break;
    if (tok.type === 'oquote') {
      const label = parseQuotedLabel(p);
      labels.push(label.value);
      labelRanges.push(p.range(label.start, label.end));
    } else if (tok.type === 'ident') {
      p.read();
      labels.push(tok.text);
      labelRanges.push(p.tokRange(tok));
    } else {
      reportBadBlockHeader(p, ident, tok);
      p.recoverAfterBodyItem();
      const last = labelRanges.length ? labelRanges[labelRanges.length - 1]! : p.tokRange(ident);
      const typeRange = p.tokRange(ident);
      return {
        kind: 'block', type: ident.text, typeRange, labels, labelRanges,
        body: { kind: 'body', items: [], range: typeRange },
        range: p.spanTo(ident.start, last), openBraceRange: typeRange,
      };
    }
  }
  const open = p.read();
  const { items, end } = parseBlockBody(p, ident, open);
  const eol = p.peek();
  if (eol.type === 'newline' || eol.type === 'eof') {
    p.read();
  } else {
    if (!p.recovery) p.error('Missing newline after block definition', 'A block definition must end with a newline.', p.tokRange(eol), p.range(ident.start, eol.end));
    p.recoverAfterBodyItem();
  }
  return {
    kind: 'block', type: ident.text, typeRange: p.tokRange(ident), labels, labelRanges,
    body: { kind: 'body', items, range: p.range(open.start, end) },
    range: p.range(ident.start, end), openBraceRange: p.tokRange(open),
  };
}

function reportBadBlockHeader(p: ParserState, ident: Token, tok: Token): void {
  const context = p.range(ident.start, tok.end);
  if (tok.type === 'punct' && tok.text === '=') {
    p.error('Invalid block definition', 'The equals sign "=" indicates an argument definition, and must not be used when defining a block.', p.tokRange(tok), context);
  } else if (tok.type === 'newline') {
    p.error('Invalid block definition', 'A block definition must have block content delimited by "{" and "}", starting on the same line as the block header.', p.tokRange(tok), context);
  } else if (!p.recovery) {
    p.error('Invalid block definition', 'Either a quoted string block label or an opening brace ("{") is expected here.', p.tokRange(tok), context);
  }
}

/** The content after `{`: a multi-line body, or the one-line form `name { attr = value }`. */
function parseBlockBody(p: ParserState, ident: Token, open: Token): { items: Item[]; end: number } {
  if (p.depth >= MAX_DEPTH) {
    p.tooDeep();
    return { items: [], end: p.recover('}').end };
  }
  p.depth++;
  try {
    const first = p.peek();
    if (first.type === 'newline' || first.type === 'eof' || (first.type === 'punct' && first.text === '}')) {
      return parseBodyItems(p, open);
    }
    return parseSingleLineBody(p, ident, open);
  } finally {
    p.depth--;
  }
}

function parseSingleLineBody(p: ParserState, ident: Token, open: Token): { items: Item[]; end: number } {
  const name = p.read();
  const next = p.peek();
  if (name.type !== 'ident' || next.type !== 'punct' || next.text !== '=') {
    if (name.type === 'ident' && (next.type === 'oquote' || next.type === 'ident' || (next.type === 'punct' && next.text === '{'))) {
      p.error('Argument definition required', `A single-line block definition can contain only a single argument. If you meant to define argument "${name.text}", use an equals sign to assign it a value. To define a nested block, place it on a line of its own within its parent block.`, p.range(name.start, next.end));
    } else {
      p.error('Argument or block definition required', 'An argument or block definition is required here.', p.tokRange(name));
    }
    return { items: [], end: p.recover('}').end };
  }
  const attr = parseAttribute(p, name, true);
  const close = p.peek();
  if (close.type === 'punct' && close.text === '}') return { items: [attr], end: p.read().end };
  if (!p.recovery) {
    const summary = 'Invalid single-argument block definition';
    if (close.type === 'punct' && close.text === ',') {
      p.error(summary, 'Single-line block syntax can include only one argument definition. To define multiple arguments, use the multi-line block syntax with one argument definition per line.', p.tokRange(close));
    } else if (close.type === 'newline') {
      p.error(summary, "An argument definition on the same line as its containing block creates a single-line block definition, which must also be closed on the same line. Place the block's closing brace immediately after the argument definition.", p.tokRange(close));
    } else if (close.type === 'eof') {
      p.error('Unclosed configuration block', UNCLOSED_BLOCK, p.tokRange(open), p.range(ident.start, open.end));
    } else {
      p.error(summary, 'A single-line block definition must end with a closing brace immediately after its single argument definition.', p.tokRange(close));
    }
  }
  return { items: [attr], end: p.recover('}').end };
}

/** A quoted block label: a string without template sequences. */
function parseQuotedLabel(p: ParserState): { value: string; start: number; end: number } {
  const open = p.read();
  let value = '';
  for (;;) {
    const tok = p.read();
    if (tok.type === 'cquote') return { value, start: open.start, end: tok.end };
    if (tok.type === 'qlit') {
      value += decodeTemplateLiteral(tok.text, tok.start, true, p.positioner, p.diags);
    } else if (tok.type === 'tinterp' || tok.type === 'tcontrol') {
      const which = tok.type === 'tinterp' ? '$' : '%';
      p.error('Invalid string literal', `Template sequences are not allowed in this string. To include a literal "${which}", double it (as "${which}${which}") to escape it.`, p.tokRange(tok), p.range(open.start, tok.end));
      value += `${which}{ ... }`;
      p.recover('tend');
    } else if (tok.type === 'eof') {
      p.error('Unterminated string literal', 'Unable to find the closing quote mark before the end of the file.', p.tokRange(tok), p.range(open.start, tok.end));
      return { value, start: open.start, end: tok.start };
    } else {
      p.error('Invalid string literal', 'This item is not valid in a string literal.', p.tokRange(tok), p.range(open.start, tok.end));
      return { value, start: open.start, end: p.recover('cquote').end };
    }
  }
}
