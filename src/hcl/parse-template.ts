// Templates: quoted strings, heredocs and bare templates. Tokens are first turned into a flat list
// of parts (literals with strip markers applied, interpolations, directive markers), flush heredocs
// are unindented, adjacent literals are joined, and the directives are then nested into a tree.

import type { DirectiveStrip, Expression, TemplateExpr, TemplateInterp } from './ast.js';
import { trimSpaceLeft, trimSpaceRight } from './lex-chars.js';
import type { ParserState } from './parser-state.js';
import { decodeTemplateLiteral } from './string-literal.js';
import type { Token } from './token.js';
import { parseExpression } from './parse-expression.js';
import { parseForNames } from './parse-collection.js';
import { buildTemplateTree, type RawPart } from './template-tree.js';
import { unindentHeredoc } from './template-flush.js';

/** A quoted template or heredoc starting at the next token. */
export function parseTemplateExpr(p: ParserState): TemplateExpr {
  const open = p.read();
  if (open.type === 'oquote') {
    const { parts, end } = parseTemplateBody(p, 'cquote', false, true);
    return { kind: 'template', parts, range: p.range(open.start, end) };
  }
  const flush = open.text[2] === '-';
  const marker = open.text.slice(flush ? 3 : 2).replace(/\r?\n$/, '');
  const { parts, end } = parseTemplateBody(p, 'cheredoc', flush, false);
  return { kind: 'template', parts, heredoc: { marker, indent: flush }, range: p.range(open.start, end) };
}

/** A whole token list scanned in bare template mode (such as a JSON string). */
export function parseBareTemplate(p: ParserState): TemplateExpr {
  const start = p.peek().start;
  const { parts, end } = parseTemplateBody(p, 'eof', false, false);
  return { kind: 'template', parts, range: p.range(start, end) };
}

function parseTemplateBody(p: ParserState, endType: string, flush: boolean, quoted: boolean) {
  const { raw, end, start } = collectParts(p, endType, quoted);
  if (flush) unindentHeredoc(raw);
  const parts = buildTemplateTree(p, joinLiterals(raw), start);
  return { parts, end };
}

function collectParts(p: ParserState, endType: string, quoted: boolean): { raw: RawPart[]; end: number; start: number } {
  const raw: RawPart[] = [];
  const start = p.peek().start;
  let trimNext = false;
  let canTrimPrev = false;
  for (;;) {
    const tok = p.read();
    if (tok.type === endType) return { raw, start, end: endType === 'eof' ? tok.start : tok.end };
    const trimThis = trimNext;
    const mayTrimPrev = canTrimPrev;
    trimNext = false;
    canTrimPrev = false;
    if (tok.type === 'qlit' || tok.type === 'slit') {
      let value = decodeTemplateLiteral(tok.text, tok.start, tok.type === 'qlit', p.positioner, p.diags);
      if (trimThis) value = trimSpaceLeft(value);
      raw.push({ kind: 'lit', value, start: tok.start, end: tok.end });
      canTrimPrev = true;
    } else if (tok.type === 'tinterp' || tok.type === 'tcontrol') {
      const last = raw[raw.length - 1];
      if (tok.text.endsWith('~') && mayTrimPrev && last?.kind === 'lit') last.value = trimSpaceRight(last.value);
      const close = tok.type === 'tinterp' ? parseInterp(p, tok, start, endType, raw) : parseDirective(p, tok, start, raw);
      trimNext = close?.text === '~}';
    } else {
      if (!p.recovery) {
        p.error('Unterminated template string', 'No closing marker was found for the string.', p.tokRange(tok), p.range(start, tok.end));
      }
      const final = p.recover(endType);
      return { raw, start, end: final.type === 'eof' ? final.start : final.end };
    }
  }
}

/** Parses `${ expr }` after its opener; returns the closing token when there was one. */
function parseInterp(p: ParserState, open: Token, start: number, endType: string, raw: RawPart[]): Token | undefined {
  p.pushNewlines(false);
  const expr = parseExpression(p);
  const close = p.peek();
  let closed: Token | undefined;
  if (close.type !== 'tend') {
    if (!p.recovery) reportBadInterpEnd(p, close, open, start, endType);
    p.recover('tend');
  } else {
    closed = p.read();
  }
  p.popNewlines();
  const node: TemplateInterp = {
    kind: 'tinterp',
    expr,
    stripLeft: open.text.endsWith('~'),
    stripRight: closed?.text === '~}',
    range: p.range(open.start, closed ? closed.end : p.lastEnd),
  };
  raw.push({ kind: 'interp', node });
  return closed;
}

function reportBadInterpEnd(p: ParserState, close: Token, open: Token, start: number, endType: string): void {
  if (close.type === 'eof') {
    p.error('Unclosed template interpolation sequence', 'There is no closing brace for this interpolation sequence before the end of the file. This might be caused by incorrect nesting inside the given expression.', p.tokRange(open));
  } else if (close.type === 'punct' && close.text === ':') {
    p.error('Extra characters after interpolation expression', 'Template interpolation doesn\'t expect a colon at this location. Did you intend this to be a literal sequence to be processed as part of another language? If so, you can escape it by starting with "$${" instead of just "${".', p.tokRange(close), p.range(start, close.end));
  } else if ((close.type === 'cquote' || close.type === 'oquote') && endType === 'cquote') {
    p.error('Unclosed template interpolation sequence', 'There is no closing brace for this interpolation sequence before the end of the quoted template. This might be caused by incorrect nesting inside the given expression.', p.tokRange(open));
  } else {
    p.error('Extra characters after interpolation expression', 'Expected a closing brace to end the interpolation expression, but found extra characters.\n\nThis can happen when you include interpolation syntax for another language, such as shell scripting, but forget to escape the interpolation start token. If this is an embedded sequence for another language, escape it by starting with "$${" instead of just "${".', p.tokRange(close), p.range(start, close.end));
  }
}

const KEYWORDS = ['if', 'for', 'else', 'endif', 'endfor'];

/** Parses `%{ keyword ... }` after its opener; returns the closing token when there was one. */
function parseDirective(p: ParserState, open: Token, start: number, raw: RawPart[]): Token | undefined {
  p.pushNewlines(false);
  try {
    const kw = p.peek();
    if (kw.type !== 'ident' || !KEYWORDS.includes(kw.text)) {
      if (!p.recovery) {
        if (kw.type !== 'ident') {
          p.error('Invalid template directive', 'A template directive keyword ("if", "for", etc) is expected at the beginning of a %{ sequence.', p.tokRange(kw), p.range(open.start, kw.end));
        } else {
          p.error('Invalid template control keyword', `"${kw.text}" is not a valid template control keyword.`, p.tokRange(kw), p.range(open.start, kw.end));
        }
      }
      p.recover('tend');
      return undefined;
    }
    p.read();
    const part = parseDirectiveContent(p, kw);
    if (!part) {
      p.recover('tend');
      return undefined;
    }
    const close = p.peek();
    let closed: Token | undefined;
    if (close.type !== 'tend') {
      if (!p.recovery) p.error(`Extra characters in ${kw.text} marker`, 'Expected a closing brace to end the sequence, but found extra characters.', p.tokRange(close), p.range(start, close.end));
      p.recover('tend');
    } else {
      closed = p.read();
    }
    const strip: DirectiveStrip = { left: open.text.endsWith('~'), right: closed?.text === '~}' };
    raw.push({ ...part, start: open.start, end: closed ? closed.end : p.lastEnd, strip } as RawPart);
    return closed;
  } finally {
    p.popNewlines();
  }
}

type DirectiveContent =
  | { kind: 'if'; cond: Expression }
  | { kind: 'for'; keyVar?: string; valueVar: string; collection: Expression }
  | { kind: 'else' | 'endif' | 'endfor' };

function parseDirectiveContent(p: ParserState, kw: Token): DirectiveContent | undefined {
  switch (kw.text) {
    case 'if':
      return { kind: 'if', cond: parseExpression(p) };
    case 'for':
      return parseForDirective(p);
    default:
      return { kind: kw.text as 'else' | 'endif' | 'endfor' };
  }
}

function parseForDirective(p: ParserState): DirectiveContent | undefined {
  const names = parseForNames(p, 'directive', (detail) => {
    if (!p.recovery) p.error("Invalid 'for' directive", detail, p.tokRange(p.peek()));
  });
  if (!names) return undefined;
  return { kind: 'for', ...names, collection: parseExpression(p) };
}

/** Joins adjacent literal parts (after trimming and unindenting, as HCL does). */
function joinLiterals(raw: RawPart[]): RawPart[] {
  const out: RawPart[] = [];
  for (const part of raw) {
    const last = out[out.length - 1];
    if (part.kind === 'lit' && last?.kind === 'lit') {
      out[out.length - 1] = { kind: 'lit', value: last.value + part.value, start: last.start, end: part.end };
    } else {
      out.push(part);
    }
  }
  return out;
}
