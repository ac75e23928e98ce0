// Tuple and object constructors, and `for` expressions.

import type { Expression, ForExpr, ObjectItem } from './ast.js';
import type { ParserState } from './parser-state.js';
import type { Token } from './token.js';
import { parseExpression } from './parse-expression.js';

export function parseTuple(p: ParserState): Expression {
  const open = p.read();
  p.pushNewlines(false);
  try {
    if (p.peekKeyword('for')) return parseFor(p, open);
    const items: Expression[] = [];
    let close: Token;
    for (;;) {
      if (p.peekPunct(']')) {
        close = p.read();
        break;
      }
      const mark = p.diags.length;
      items.push(parseExpression(p));
      if (p.failedSince(mark)) {
        close = p.recover(']');
        break;
      }
      const next = p.peek();
      if (next.type === 'punct' && next.text === ']') {
        close = p.read();
        break;
      }
      if (next.type !== 'punct' || next.text !== ',') {
        if (!p.recovery) {
          if (next.type === 'eof') {
            p.error('Unterminated tuple constructor expression', 'There is no corresponding closing bracket before the end of the file. This may be caused by incorrect bracket nesting elsewhere in this file.', p.tokRange(open));
          } else {
            p.error('Missing item separator', 'Expected a comma to mark the beginning of the next item.', p.tokRange(next), p.range(open.start, next.end));
          }
        }
        close = p.recover(']');
        break;
      }
      p.read();
    }
    return { kind: 'tuple', items, range: p.range(open.start, close.end) };
  } finally {
    p.popNewlines();
  }
}

export function parseObject(p: ParserState): Expression {
  const open = p.read();
  p.pushNewlines(false);
  const isFor = p.peekKeyword('for');
  p.popNewlines();
  if (isFor) {
    p.pushNewlines(false);
    try {
      return parseFor(p, open);
    } finally {
      p.popNewlines();
    }
  }
  p.pushNewlines(true);
  try {
    const items: ObjectItem[] = [];
    const close = parseObjectItems(p, open, items);
    return { kind: 'object', items, range: p.range(open.start, close.end) };
  } finally {
    p.popNewlines();
  }
}

function parseObjectItems(p: ParserState, open: Token, items: ObjectItem[]): Token {
  const unterminated = () =>
    p.error('Unterminated object constructor expression', 'There is no corresponding closing brace before the end of the file. This may be caused by incorrect brace nesting elsewhere in this file.', p.tokRange(open));
  for (;;) {
    const next = p.peek();
    if (next.type === 'newline') {
      p.read();
      continue;
    }
    if (next.type === 'punct' && next.text === '}') return p.read();
    const mark = p.diags.length;
    let key = parseExpression(p);
    if (p.failedSince(mark)) return p.recover('}');
    if (key.kind === 'variable') key = { kind: 'literal', value: key.name, bareKey: true, range: key.range };
    const sep = p.peek();
    if (sep.type !== 'punct' || (sep.text !== '=' && sep.text !== ':')) {
      if (!p.recovery) {
        const context = p.range(open.start, sep.end);
        if (sep.type === 'newline' || (sep.type === 'punct' && sep.text === ',')) {
          p.error('Missing attribute value', 'Expected an attribute value, introduced by an equals sign ("=").', p.tokRange(sep), context);
        } else if (sep.type === 'ident') {
          p.error('Missing key/value separator', 'Expected an equals sign ("=") to mark the beginning of the attribute value. If you intended to given an attribute name containing periods or spaces, write the name in quotes to create a string literal.', p.tokRange(sep), context);
        } else if (sep.type === 'eof') {
          unterminated();
        } else {
          p.error('Missing key/value separator', 'Expected an equals sign ("=") to mark the beginning of the attribute value.', p.tokRange(sep), context);
        }
      }
      return p.recover('}');
    }
    p.read();
    const value = parseExpression(p);
    items.push({ key, value, sep: sep.text as '=' | ':' });
    if (p.failedSince(mark)) return p.recover('}');
    const after = p.peek();
    if (after.type === 'punct' && after.text === '}') return p.read();
    if (after.type !== 'newline' && (after.type !== 'punct' || after.text !== ',')) {
      if (!p.recovery) {
        if (after.type === 'eof') unterminated();
        else p.error('Missing attribute separator', 'Expected a newline or comma to mark the beginning of the next attribute.', p.tokRange(after), p.range(open.start, after.end));
      }
      return p.recover('}');
    }
    p.read();
  }
}

function parseFor(p: ParserState, open: Token): Expression {
  const closeKey = open.text === '{' ? '}' : ']';
  const makeObject = open.text === '{';
  p.read();
  const report = (detail: string): void => {
    const tok = p.peek();
    if (!p.recovery) p.error("Invalid 'for' expression", detail, p.tokRange(tok), p.range(open.start, tok.end));
  };
  const fail = (detail?: string): Expression => {
    if (detail) report(detail);
    const close = p.recover(closeKey);
    return { kind: 'literal', value: null, range: p.range(open.start, close.end) };
  };
  const names = parseForNames(p, 'expression', report);
  if (!names) return fail();
  const { keyVar, valueVar } = names;
  const mark = p.diags.length;
  const collection = parseExpression(p);
  if (p.failedSince(mark)) return fail();
  if (!p.peekPunct(':')) return fail('For expression requires a colon after the collection expression.');
  p.read();
  let keyExpr: Expression | undefined;
  let valueExpr = parseExpression(p);
  if (p.peekPunct('=>')) {
    p.read();
    keyExpr = valueExpr;
    valueExpr = parseExpression(p);
  }
  if (p.failedSince(mark)) return fail();
  let ellipsis: Token | undefined;
  if (p.peekPunct('...')) ellipsis = p.read();
  let cond: Expression | undefined;
  if (p.peekKeyword('if')) {
    p.read();
    cond = parseExpression(p);
    if (p.failedSince(mark)) return fail();
  }
  let close: Token;
  if (p.peekPunct(closeKey)) {
    close = p.read();
  } else {
    const tok = p.peek();
    if (!p.recovery) p.error("Invalid 'for' expression", "Extra characters after the end of the 'for' expression.", p.tokRange(tok), p.range(open.start, tok.end));
    close = p.recover(closeKey);
  }
  const range = p.range(open.start, close.end);
  if (!makeObject && keyExpr) {
    p.error("Invalid 'for' expression", 'Key expression is not valid when building a tuple.', keyExpr.range, range);
  }
  if (!makeObject && ellipsis) {
    p.error("Invalid 'for' expression", 'Grouping ellipsis (...) cannot be used when building a tuple.', p.tokRange(ellipsis), range);
  }
  if (makeObject && !keyExpr) {
    p.error("Invalid 'for' expression", 'Key expression is required when building an object.', valueExpr.range, range);
  }
  const node: ForExpr = { kind: 'for', valueVar, collection, valueExpr, group: ellipsis !== undefined, range };
  if (keyVar !== undefined) node.keyVar = keyVar;
  if (keyExpr) node.keyExpr = keyExpr;
  if (cond) node.cond = cond;
  return node;
}

const FOR_NAME_ERRORS = {
  expression: [
    "For expression requires variable name after 'for'.",
    'For expression requires value variable name after comma.',
    "For expression requires the 'in' keyword after its name declarations.",
  ],
  directive: [
    "For directive requires variable name after 'for'.",
    'For directive requires value variable name after comma.',
    "For directive requires 'in' keyword after names.",
  ],
};

/**
 * Reads `k, v in` or `v in` after a `for` keyword (of an expression or a template directive). On a
 * problem calls `report` with the detail and returns undefined.
 */
export function parseForNames(
  p: ParserState,
  kind: 'expression' | 'directive',
  report: (detail: string) => unknown,
): { keyVar?: string; valueVar: string } | undefined {
  const [noName, noValueName, noIn] = FOR_NAME_ERRORS[kind];
  if (p.peek().type !== 'ident') return void report(noName!);
  let valueVar = p.read().text;
  let keyVar: string | undefined;
  if (p.peekPunct(',')) {
    p.read();
    keyVar = valueVar;
    if (p.peek().type !== 'ident') return void report(noValueName!);
    valueVar = p.read().text;
  }
  if (!p.peekKeyword('in')) return void report(noIn!);
  p.read();
  return keyVar === undefined ? { valueVar } : { keyVar, valueVar };
}
