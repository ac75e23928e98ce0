// Attribute access, indexing, legacy `a.0` indexing and splats following a term.

import type { AnonExpr, Expression } from './ast.js';
import { MAX_DEPTH, type ParserState } from './parser-state.js';
import { rangeBetween } from './position.js';
import type { Token } from './token.js';
import { numberLiteral, parseExpression } from './parse-expression.js';

export function parseTraversals(p: ParserState, from: Expression): Expression {
  let ret = from;
  let steps = 0;
  for (;;) {
    const next = p.peek();
    if (next.type !== 'punct' || (next.text !== '.' && next.text !== '[')) return ret;
    if (p.depth + steps >= MAX_DEPTH) return p.tooDeep();
    steps++;
    p.depth += steps;
    try {
      const step = next.text === '.' ? parseDotStep(p, from, ret) : parseBracketStep(p, from, ret);
      if (step === undefined) return ret;
      ret = step;
    } finally {
      p.depth -= steps;
    }
  }
}

/** `.name`, `.0` or `.*`; undefined after a reported error. */
function parseDotStep(p: ParserState, from: Expression, ret: Expression): Expression | undefined {
  const dot = p.read();
  const tok = p.peek();
  if (tok.type === 'ident') {
    p.read();
    return { kind: 'getattr', object: ret, name: tok.text, nameRange: p.tokRange(tok), range: p.spanFrom(ret.range, tok.end) };
  }
  if (tok.type === 'number') {
    p.read();
    return legacyIndex(p, ret, tok, false);
  }
  if (tok.type === 'punct' && tok.text === '*') {
    p.read();
    return parseAttrSplat(p, from, ret, dot, tok);
  }
  p.error('Invalid attribute name', 'An attribute name is required after a dot.', p.tokRange(tok));
  p.recovery = true;
  return undefined;
}

function legacyIndex(p: ParserState, object: Expression, tok: Token, inSplat: boolean): Expression {
  const range = p.spanFrom(object.range, tok.end);
  const dotAt = tok.text.indexOf('.');
  if (dotAt >= 0) {
    const first = tok.text.slice(0, dotAt);
    const second = tok.text.slice(dotAt + 1);
    const advice = inSplat ? 'the proper index syntax with a full splat expression [*] instead' : 'the proper index syntax instead';
    p.error(
      'Invalid legacy index syntax',
      `When using the legacy index syntax, chaining two indexes together is not permitted. Use ${advice}, like [${first}][${second}].`,
      p.tokRange(tok),
    );
    return { kind: 'index', object, key: { kind: 'literal', value: null, range: p.tokRange(tok) }, legacy: true, range };
  }
  return { kind: 'index', object, key: numberLiteral(p, tok), legacy: true, range };
}

/** `.*` followed by attribute (and legacy index) steps only, applied to each element. */
function parseAttrSplat(p: ParserState, from: Expression, ret: Expression, dot: Token, star: Token): Expression {
  const anon: AnonExpr = { kind: 'anon', range: p.range(dot.start, star.end) };
  let each: Expression = anon;
  let end = star.end;
  while (p.peekPunct('.')) {
    const stepDot = p.read();
    const tok = p.peek();
    if (tok.type === 'number') {
      p.read();
      each = legacyIndex(p, each, tok, true);
    } else if (tok.type === 'ident') {
      p.read();
      each = { kind: 'getattr', object: each, name: tok.text, nameRange: p.tokRange(tok), range: p.spanFrom(anon.range, tok.end) };
    } else {
      if (!p.recovery) {
        if (tok.type === 'punct' && tok.text === '*') {
          p.error('Nested splat expression not allowed', 'A splat expression (*) cannot be used inside another attribute-only splat expression.', p.tokRange(tok));
        } else {
          p.error('Invalid attribute name', 'An attribute name is required after a dot.', p.tokRange(stepDot));
        }
      }
      p.recovery = true;
      break;
    }
    end = tok.end;
  }
  return { kind: 'splat', object: ret, each, full: false, range: p.spanFrom(from.range, end) };
}

/** `[key]` or the full splat `[*]`, whose following steps all apply to each element. */
function parseBracketStep(p: ParserState, from: Expression, ret: Expression): Expression {
  const open = p.read();
  if (p.peekPunct('*')) {
    p.read();
    let close = p.read();
    if ((close.type !== 'punct' || close.text !== ']') && !p.recovery) {
      p.error('Missing close bracket on splat index', 'The star for a full splat operator must be immediately followed by a closing bracket ("]").', p.tokRange(close));
      close = p.recover(']');
    }
    const anon: AnonExpr = { kind: 'anon', range: p.range(open.start, close.end) };
    const each = parseTraversals(p, anon);
    return { kind: 'splat', object: ret, each, full: true, range: rangeBetween(from.range, each.range) };
  }
  p.pushNewlines(false);
  const mark = p.diags.length;
  const key = parseExpression(p);
  let close: Token;
  if (p.failedSince(mark)) {
    close = p.recover(']');
  } else {
    close = p.read();
    if (close.type !== 'punct' || close.text !== ']') {
      if (!p.recovery)
        p.error('Missing close bracket on index', 'The index operator must end with a closing bracket ("]").', p.tokRange(close));
      close = p.recover(']');
    }
  }
  p.popNewlines();
  return { kind: 'index', object: ret, key, range: p.spanFrom(from.range, close.end) };
}
