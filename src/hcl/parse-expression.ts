// Expressions of HCL native syntax: conditional, binary operators by precedence, unary operators,
// terms and their traversals. Collections and templates live in their own files.

import type { BinaryOp, Expression, LiteralExpr } from './ast.js';
import { rangeBetween } from './position.js';
import { MAX_DEPTH, type ParserState } from './parser-state.js';
import type { Token } from './token.js';
import { parseObject, parseTuple } from './parse-collection.js';
import { parseTemplateExpr } from './parse-template.js';
import { parseTraversals } from './parse-traversal.js';

/** Operators from the loosest to the tightest binding. */
const LEVELS: readonly (readonly BinaryOp[])[] = [
  ['||'],
  ['&&'],
  ['==', '!='],
  ['<', '>', '<=', '>='],
  ['+', '-'],
  ['*', '/', '%'],
];

export function parseExpression(p: ParserState): Expression {
  if (p.depth >= MAX_DEPTH) return p.tooDeep();
  p.depth++;
  try {
    return parseConditional(p);
  } finally {
    p.depth--;
  }
}

function parseConditional(p: ParserState): Expression {
  const start = p.peek();
  const mark = p.diags.length;
  const cond = parseBinary(p, 0);
  if (p.failedSince(mark) || !p.peekPunct('?')) return cond;
  p.read();
  const then = parseExpression(p);
  if (p.failedSince(mark)) return cond;
  const colon = p.peek();
  if (colon.type !== 'punct' || colon.text !== ':') {
    p.error(
      'Missing false expression in conditional',
      'The conditional operator (...?...:...) requires a false expression, delimited by a colon.',
      p.tokRange(colon),
      p.range(start.start, colon.end),
    );
    return cond;
  }
  p.read();
  const otherwise = parseExpression(p);
  if (p.failedSince(mark)) return cond;
  return { kind: 'conditional', cond, then, else: otherwise, range: rangeBetween(cond.range, otherwise.range) };
}

function parseBinary(p: ParserState, level: number): Expression {
  if (level === LEVELS.length) return parseOperand(p);
  const ops = LEVELS[level]!;
  const mark = p.diags.length;
  let left = parseBinary(p, level + 1);
  if (p.failedSince(mark)) return left;
  let chain = 0;
  for (;;) {
    const tok = p.peek();
    if (tok.type !== 'punct' || !ops.includes(tok.text as BinaryOp)) return left;
    if (p.depth + chain >= MAX_DEPTH) return p.tooDeep();
    p.read();
    chain++;
    p.depth += chain;
    const right = parseBinary(p, level + 1);
    p.depth -= chain;
    left = { kind: 'binary', op: tok.text as BinaryOp, left, right, range: rangeBetween(left.range, right.range) };
    if (p.failedSince(mark)) return left;
  }
}

/** A term with its traversals, or a unary operator applied to one (`-a.b` negates `a.b`). */
export function parseOperand(p: ParserState): Expression {
  const tok = p.peek();
  if (tok.type === 'punct' && (tok.text === '-' || tok.text === '!')) {
    if (p.depth >= MAX_DEPTH) return p.tooDeep();
    p.read();
    p.depth++;
    const operand = parseOperand(p);
    p.depth--;
    return { kind: 'unary', op: tok.text, operand, range: p.spanTo(tok.start, operand.range) };
  }
  return parseTraversals(p, parseTerm(p));
}

function parseTerm(p: ParserState): Expression {
  const tok = p.peek();
  switch (tok.type) {
    case 'number':
      p.read();
      return numberLiteral(p, tok);
    case 'ident':
      return parseIdentTerm(p);
    case 'oquote':
    case 'oheredoc':
      return parseTemplateExpr(p);
    case 'punct':
      if (tok.text === '(') return parseParens(p);
      if (tok.text === '[') return parseTuple(p);
      if (tok.text === '{') return parseObject(p);
      break;
    case 'eof':
      if (!p.recovery)
        p.error('Missing expression', 'Expected the start of an expression, but found the end of the file.', p.tokRange(tok));
      p.recovery = true;
      return placeholder(p, tok);
  }
  if (!p.recovery)
    p.error('Invalid expression', 'Expected the start of an expression, but found an invalid expression token.', p.tokRange(tok));
  p.recovery = true;
  return placeholder(p, tok);
}

export function placeholder(p: ParserState, tok: Token): LiteralExpr {
  return { kind: 'literal', value: null, range: p.tokRange(tok) };
}

export function numberLiteral(p: ParserState, tok: Token): LiteralExpr {
  const value = Number(tok.text);
  if (!Number.isFinite(value)) {
    p.error('Invalid number literal', 'Failed to recognize the value of this number literal.', p.tokRange(tok));
  }
  return { kind: 'literal', value: Number.isFinite(value) ? value : null, raw: tok.text, range: p.tokRange(tok) };
}

function parseIdentTerm(p: ParserState): Expression {
  const tok = p.read();
  if (p.peekPunct('(') || p.peekPunct('::')) return parseCall(p, tok);
  const range = p.tokRange(tok);
  switch (tok.text) {
    case 'true':
      return { kind: 'literal', value: true, range };
    case 'false':
      return { kind: 'literal', value: false, range };
    case 'null':
      return { kind: 'literal', value: null, range };
    default:
      return { kind: 'variable', name: tok.text, range };
  }
}

function parseParens(p: ParserState): Expression {
  const open = p.read();
  p.pushNewlines(false);
  const mark = p.diags.length;
  const expr = parseExpression(p);
  if (p.diags.length > mark) {
    p.recover(')');
    p.popNewlines();
    return expr;
  }
  const close = p.peek();
  if (close.type !== 'punct' || close.text !== ')') {
    p.error('Unbalanced parentheses', 'Expected a closing parenthesis to terminate the expression.', p.tokRange(close), p.range(open.start, close.end));
    p.recovery = true;
  }
  const end = p.read();
  p.popNewlines();
  return { kind: 'parens', expr, range: p.range(open.start, end.end) };
}

function parseCall(p: ParserState, nameTok: Token): Expression {
  let name = nameTok.text;
  let nameEnd = nameTok.end;
  let open = p.read();
  while (open.type === 'punct' && open.text === '::') {
    const next = p.read();
    if (next.type !== 'ident') {
      p.error('Missing function name', 'Function scope resolution symbol :: must be followed by a function name in this scope.', p.tokRange(next), p.range(nameTok.start, next.end));
      p.recovery = true;
      return { kind: 'literal', value: null, range: p.range(nameTok.start, next.end) };
    }
    name += '::' + next.text;
    nameEnd = next.end;
    open = p.read();
  }
  if (open.type !== 'punct' || open.text !== '(') {
    p.error('Missing open parenthesis', 'Function selector must be followed by an open parenthesis to begin the function call.', p.tokRange(open), p.range(nameTok.start, open.end));
    p.recovery = true;
    return { kind: 'literal', value: null, range: p.range(nameTok.start, open.end) };
  }
  const args: Expression[] = [];
  let expandFinal = false;
  let end = open.end;
  p.pushNewlines(false);
  for (;;) {
    if (p.peekPunct(')')) {
      end = p.read().end;
      break;
    }
    const mark = p.diags.length;
    args.push(parseExpression(p));
    if (p.failedSince(mark)) {
      end = p.recover(')').end;
      break;
    }
    const sep = p.read();
    end = sep.end;
    if (sep.type === 'punct' && sep.text === ')') break;
    if (sep.type === 'punct' && sep.text === '...') {
      expandFinal = true;
      if (!p.peekPunct(')')) {
        if (!p.recovery)
          p.error('Missing closing parenthesis', 'An expanded function argument (with ...) must be immediately followed by closing parentheses.', p.tokRange(sep), p.range(nameTok.start, sep.end));
        end = p.recover(')').end;
      } else {
        end = p.read().end;
      }
      break;
    }
    if (sep.type !== 'punct' || sep.text !== ',') {
      if (sep.type === 'eof') {
        p.error('Unterminated function call', 'There is no closing parenthesis for this function call before the end of the file. This may be caused by incorrect parenthesis nesting elsewhere in this file.', p.range(nameTok.start, open.end));
      } else if (!p.recovery) {
        p.error('Missing argument separator', 'A comma is required to separate each function argument from the next.', p.tokRange(sep), p.range(nameTok.start, sep.end));
      }
      end = p.recover(')').end;
      break;
    }
    if (p.peekPunct(')')) {
      end = p.read().end;
      break;
    }
  }
  p.popNewlines();
  return {
    kind: 'call',
    name,
    nameRange: p.range(nameTok.start, nameEnd),
    args,
    expandFinal,
    range: p.range(nameTok.start, end),
  };
}
