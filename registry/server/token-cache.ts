// Tokens a server has verified, kept for a few seconds, so that a lookup (a data source, Terraform) costs no token
// query: keyed by the token's SHA-256 (the hash the database keeps, cheap to compute), holding its id and scope. Only
// tokens found are kept: a token just created works at once. A token revoked through this server is forgotten at
// once; one revoked through another replica (or in the database) stops working here within `ttlMs`.

import type { TokenScope } from '../api/types.js';
import type { Store } from '../store/store.js';
import { findTokenByHash, hashToken } from '../store/tokens.js';

export interface VerifiedToken {
  id: string;
  scope: TokenScope;
}

export interface TokenCache {
  /** The presented token's id and scope, or undefined when this registry did not issue it (or revoked it). */
  verify(store: Store, presented: string): Promise<VerifiedToken | undefined>;
  /** Drops the token with this id (revoked). */
  forget(id: string): void;
}

export interface TokenCacheOptions {
  /** How long a verified token is trusted without asking the database (5 s unless given; 0: no cache). */
  ttlMs?: number;
  /** Milliseconds since some fixed time (Date.now unless given). */
  clock?: () => number;
  /** At most this many tokens kept (the oldest go first). */
  maxEntries?: number;
}

export const DEFAULT_TOKEN_TTL_MS = 5000;

export function createTokenCache(o: TokenCacheOptions = {}): TokenCache {
  const ttlMs = o.ttlMs ?? DEFAULT_TOKEN_TTL_MS;
  const clock = o.clock ?? Date.now;
  const maxEntries = o.maxEntries ?? 10_000;
  const entries = new Map<string, VerifiedToken & { until: number }>();
  // Counts revocations: a lookup that was under way while a token was revoked keeps nothing.
  let revocations = 0;
  return {
    async verify(store, presented) {
      const hash = hashToken(presented);
      const kept = entries.get(hash);
      if (kept && kept.until > clock()) return { id: kept.id, scope: kept.scope };
      entries.delete(hash);
      const before = revocations;
      const found = await findTokenByHash(store, hash);
      if (found && ttlMs > 0 && revocations === before) {
        if (entries.size >= maxEntries) entries.delete(entries.keys().next().value!);
        entries.set(hash, { ...found, until: clock() + ttlMs });
      }
      return found;
    },
    forget(id) {
      revocations++;
      for (const [hash, t] of entries) if (t.id === id) entries.delete(hash);
    },
  };
}
