// Token management (GET /tokens, DELETE /tokens/{id}: admin tokens only) and the server's cache of verified tokens,
// through `app.request()` on SQLite and PostgreSQL. Two apps over one database stand for two replicas; their token
// caches run on a clock the test moves, so that "within the cache lifetime" is checked without waiting.

import { afterAll, describe, expect, it } from 'vitest';
import { API_PREFIX } from '../../registry/api/types.js';
import { createApp } from '../../registry/server/app.js';
import { DEFAULT_TOKEN_TTL_MS } from '../../registry/server/token-cache.js';
import { createToken, hashToken, type Store } from '../../registry/store/index.js';
import { storeKinds } from '../support/registry-stores.js';

const { kinds, stopStores } = storeKinds();
afterAll(stopStores);

type App = ReturnType<typeof createApp>;

async function call(app: App, token: string, method: string, path: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await app.request(`${API_PREFIX}${path}`, { method, headers: { authorization: `Bearer ${token}` } });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

describe.each(kinds)('tokens on $name', (kind) => {
  let now = 0;
  const clock = () => now;
  const replicas = (store: Store): [App, App] => [0, 1].map(() => createApp({ store, log: (line) => expect.fail(line), tokenCache: { clock } })) as [App, App];

  it('lists tokens for an admin: id, scope, description, author and creation, never the secret nor its hash', async () => {
    const store = await kind.open();
    const admin = await createToken(store, 'admin', { author: 'cli:root', description: 'ops' });
    const read = await createToken(store, 'read', { author: 'cli:root', description: 'terraform' });
    const [app] = replicas(store);
    const res = await call(app, admin.token, 'GET', '/tokens');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      tokens: [
        { id: admin.id, scope: 'admin', description: 'ops', author_id: 'cli:root', created_at: expect.any(String) },
        { id: read.id, scope: 'read', description: 'terraform', author_id: 'cli:root', created_at: expect.any(String) },
      ],
    });
    const text = JSON.stringify(res.body);
    for (const t of [admin, read]) {
      expect(text).not.toContain(t.token);
      expect(text).not.toContain(hashToken(t.token));
    }
  });

  it('refuses read and write tokens on both routes, and revokes nothing', async () => {
    const store = await kind.open();
    const admin = await createToken(store, 'admin', { author: 'test' });
    const [app] = replicas(store);
    for (const scope of ['read', 'write'] as const) {
      const { token } = await createToken(store, scope, { author: 'test' });
      expect(await call(app, token, 'GET', '/tokens')).toEqual({ status: 403, body: { code: 7, message: `a ${scope} token cannot manage tokens: use an admin token`, details: [] } });
      expect((await call(app, token, 'DELETE', `/tokens/${admin.id}`)).status).toBe(403);
    }
    expect((await call(app, admin.token, 'GET', '/tokens')).status).toBe(200);
    expect(await call(app, admin.token, 'DELETE', '/tokens/01ARZ3NDEKTSV4RRFFQ69G5FAV')).toEqual({ status: 404, body: { code: 5, message: 'token "01ARZ3NDEKTSV4RRFFQ69G5FAV" not found', details: [] } });
  });

  it('a revoked token is refused at once by the replica that revoked it, and by another replica once its cache lifetime has passed', async () => {
    const store = await kind.open();
    const admin = await createToken(store, 'admin', { author: 'test' });
    const read = await createToken(store, 'read', { author: 'test' });
    const [a, b] = replicas(store);
    now = 1_000;
    // Both replicas have verified (and keep) the read token.
    for (const app of [a, b]) expect((await call(app, read.token, 'GET', '/buckets')).status).toBe(200);
    expect(await call(a, admin.token, 'DELETE', `/tokens/${read.id}`)).toEqual({ status: 200, body: {} });
    expect(await call(a, read.token, 'GET', '/buckets')).toEqual({ status: 401, body: { code: 16, message: 'unknown token', details: [] } });
    // Replica b trusts what it verified for the cache lifetime (no token query per request), then asks again.
    now += DEFAULT_TOKEN_TTL_MS - 1;
    expect((await call(b, read.token, 'GET', '/buckets')).status).toBe(200);
    now += 1;
    expect((await call(b, read.token, 'GET', '/buckets')).status).toBe(401);
    expect(((await call(a, admin.token, 'GET', '/tokens')).body.tokens as { id: string }[]).map((t) => t.id)).toEqual([admin.id]);
    // The delete of a token already gone is a 404; a token made meanwhile works at once (unknown tokens are not kept).
    expect((await call(b, admin.token, 'DELETE', `/tokens/${read.id}`)).status).toBe(404);
    expect((await call(b, 'tsbr_not-yet', 'GET', '/buckets')).status).toBe(401);
    const later = await createToken(store, 'read', { author: 'test' });
    expect((await call(b, later.token, 'GET', '/buckets')).status).toBe(200);
  });
});
