// Keyset pagination over ULID ids: a page token is the last id of the previous page, so a page stays stable while
// rows are added after it.

import type { Page, PageRequest } from '../api/types.js';
import { StoreError } from './store.js';

export const DEFAULT_PAGE_SIZE = 100;
export const MAX_PAGE_SIZE = 1000;

export interface PageBounds {
  /** Rows with an id above this one, if given. */
  after?: string;
  /** How many rows to fetch: one more than the page holds, to know whether another page follows. */
  limit: number;
  size: number;
}

export function pageBounds(req: PageRequest = {}): PageBounds {
  const size = req.page_size ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(size) || size < 1 || size > MAX_PAGE_SIZE) throw new StoreError('invalid', `page_size must be a whole number from 1 to ${MAX_PAGE_SIZE}, got ${size}`);
  let after: string | undefined;
  if (req.next_page_token) {
    after = Buffer.from(req.next_page_token, 'base64url').toString('utf8');
    if (!/^[0-9A-HJKMNP-TV-Z]{26}$/.test(after)) throw new StoreError('invalid', `next_page_token is not a token this registry gave: ${JSON.stringify(req.next_page_token)}`);
  }
  return { after, limit: size + 1, size };
}

/** Cuts the extra row off and makes the next token from the last id kept. */
export function toPage<R extends { id: string }, T>(rows: R[], bounds: PageBounds, map: (rows: R[]) => T[] | Promise<T[]>): Promise<Page<T>> {
  const kept = rows.slice(0, bounds.size);
  const next = rows.length > bounds.size ? Buffer.from(kept[kept.length - 1]!.id, 'utf8').toString('base64url') : undefined;
  return Promise.resolve(map(kept)).then((items) => (next ? { items, next_page_token: next } : { items }));
}
