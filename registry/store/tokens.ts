// API tokens: random secrets shown once at creation; the database keeps only their SHA-256, so a copy of the database
// gives no access. A token's scope is read, write or admin.

import { createHash, randomBytes } from 'node:crypto';
import type { TokenInfo, TokenScope } from '../api/types.js';
import { TOKEN_SCOPES } from '../api/types.js';
import { notFound, StoreError, type Store } from './store.js';

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

/** The id and scope of the token with this hash (hashToken), or undefined for a token this registry did not issue. */
export async function findTokenByHash(store: Store, hash: string): Promise<{ id: string; scope: TokenScope } | undefined> {
  const row = await store.db.selectFrom('tokens').select(['id', 'scope']).where('hash', '=', hash).executeTakeFirst();
  return row ? { id: row.id, scope: row.scope as TokenScope } : undefined;
}

/** The token's id and scope, or undefined for a token this registry did not issue. */
export function findToken(store: Store, token: string): Promise<{ id: string; scope: TokenScope } | undefined> {
  return findTokenByHash(store, hashToken(token));
}

/** Every token, oldest first. */
export async function listTokens(store: Store): Promise<TokenInfo[]> {
  const rows = await store.db.selectFrom('tokens').select(['id', 'scope', 'description', 'author_id', 'created_at']).orderBy('id').execute();
  return rows.map((r) => ({ ...r, scope: r.scope as TokenScope }));
}

/** Deletes the token: from then on it authenticates nothing (a server's token cache forgets it within its lifetime). */
export async function revokeToken(store: Store, id: string): Promise<void> {
  const r = await store.db.deleteFrom('tokens').where('id', '=', id).executeTakeFirst();
  if (Number(r.numDeletedRows) === 0) throw notFound(`token ${JSON.stringify(id)}`);
}
