// API tokens: random secrets shown once at creation; the database keeps only their SHA-256, so a copy of the database
// gives no access. A token's scope is read, write or admin.

import { createHash, randomBytes } from 'node:crypto';
import type { TokenScope } from '../api/types.js';
import { TOKEN_SCOPES } from '../api/types.js';
import { StoreError, type Store } from './store.js';

const PREFIX = 'tsbr_';

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export async function createToken(store: Store, scope: TokenScope, o: { description?: string; author: string }): Promise<{ id: string; token: string }> {
  if (!TOKEN_SCOPES.includes(scope)) throw new StoreError('invalid', `scope must be one of ${TOKEN_SCOPES.join(', ')}; got ${JSON.stringify(scope)}`);
  const token = PREFIX + randomBytes(32).toString('base64url');
  const id = store.newId();
  await store.db
    .insertInto('tokens')
    .values({ id, hash: hashToken(token), scope, description: o.description ?? '', author_id: o.author, created_at: store.now() })
    .execute();
  return { id, token };
}

/** The token's id and scope, or undefined for a token this registry did not issue. */
export async function findToken(store: Store, token: string): Promise<{ id: string; scope: TokenScope } | undefined> {
  const row = await store.db.selectFrom('tokens').select(['id', 'scope']).where('hash', '=', hashToken(token)).executeTakeFirst();
  return row ? { id: row.id, scope: row.scope as TokenScope } : undefined;
}
