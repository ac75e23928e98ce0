// Compute's list filter, the part templates use: terms `field = value`, `field != value`, `field eq regex`,
// `field ne regex` (a regex matches the whole value), on top-level fields and `labels.<key>`, joined by AND or
// OR (AND binds tighter); values may be quoted. Anything else is Compute's 400 for an invalid filter.

import { GceError } from './errors.js';

type Term = (r: Record<string, unknown>) => boolean;

function fieldOf(r: Record<string, unknown>, path: string): string | undefined {
  const [head, key] = path.split('.', 2);
  const v = key === undefined ? r[head!] : (r[head!] as Record<string, unknown> | undefined)?.[key];
  return v === undefined || v === null ? undefined : String(v);
}

function parseTerm(text: string): Term {
  const m = /^\(?\s*([a-zA-Z][\w.-]*)\s*(!=|=|\beq\b|\bne\b)\s*(?:"([^"]*)"|'([^']*)'|(\S+?))\s*\)?$/.exec(text.trim());
  if (!m) throw new GceError(400, 'invalid', `Invalid value for field 'filter': '${text.trim()}'. Invalid list filter expression.`);
  const [, field, op, ...values] = m;
  const value = values.find((v) => v !== undefined)!;
  if (op === 'eq' || op === 'ne') {
    const re = new RegExp(`^(?:${value})$`);
    return (r) => re.test(fieldOf(r, field!) ?? '') === (op === 'eq');
  }
  return (r) => (fieldOf(r, field!) === value) === (op === '=');
}

export function parseFilter(filter: string): Term {
  if (!filter.trim()) return () => true;
  const alternatives = filter.split(/\s+OR\s+/i).map((part) => part.split(/\s+AND\s+/i).map(parseTerm));
  return (r) => alternatives.some((terms) => terms.every((t) => t(r)));
}
