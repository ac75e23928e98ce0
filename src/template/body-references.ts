import type { Body } from '../hcl/ast.js';
import { resolveJsonBody } from '../hcl/json-body.js';
import { findReferences, type Reference } from '../eval/references.js';

/**
 * Every reference made anywhere in a body: its attributes and, recursively, its blocks (`dynamic` blocks
 * included). A body read from JSON is read as attributes only, which finds the same references.
 */
export function findBodyReferences(body: Body): Reference[] {
  const items = body.json ? resolveJsonBody(body, {}).body.items : body.items;
  return items.flatMap((item) => (item.kind === 'attribute' ? findReferences(item.expr) : findBodyReferences(item.body)));
}
