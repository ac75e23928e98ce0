// No write without a write token, on every write route the app has (POST, PUT, PATCH, DELETE: read from Hono's route
// list, so a new route is covered as soon as it exists), on SQLite and PostgreSQL: no token and an unknown token get a
// 401, a read token a 403, each with a message in the API's error shape, and the database is left exactly as it was.
// Restricted channels do not exist for a read token on any route that shows channels.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_PREFIX } from '../../registry/api/types.js';
import { FIXTURE, snapshotTables, startHttpRegistry, type HttpRegistry } from '../support/registry-http.js';
import { storeKinds } from '../support/registry-stores.js';

const { kinds, stopStores } = storeKinds();
afterAll(stopStores);

const CALLERS = [
  { who: 'no token', header: undefined, status: 401, message: /missing token/ },
  { who: 'a malformed header', header: 'Token abc', status: 401, message: /missing token/ },
  { who: 'an unknown token', header: 'Bearer tsbr_unknown', status: 401, message: /unknown token/ },
  { who: 'an unknown Basic password', header: `Basic ${Buffer.from('tsbuild:tsbr_unknown').toString('base64')}`, status: 401, message: /unknown token/ },
  { who: 'a read token', header: 'read', status: 403, message: /a read token cannot change the registry/ },
];

describe.each(kinds)('write routes refuse callers without a write token on $name', (kind) => {
  let reg: HttpRegistry;
  beforeAll(async () => {
    reg = await startHttpRegistry(kind);
  });
  afterAll(() => reg?.stop());

  it('finds every write route of the app', () => {
    const routes = reg.writeRoutes.map((r) => `${r.method} ${r.path.replace(API_PREFIX, '')}`);
    // The routes known today; more may come, and are checked below as they are.
    expect(routes).toEqual(
      expect.arrayContaining([
        'POST /buckets',
        'PATCH /buckets/app',
        'DELETE /buckets/app',
        'POST /buckets/app/versions',
        'PATCH /buckets/app/versions/fp1',
        'POST /buckets/app/versions/fp1/builds',
        `PATCH /buckets/app/versions/fp1/builds/${reg.buildId}`,
        'POST /buckets/app/channels',
        'PATCH /buckets/app/channels/prod',
        'DELETE /buckets/app/channels/prod',
      ]),
    );
  });

  it('answers 401 or 403 with a message, and changes nothing', async () => {
    const before = await snapshotTables(reg.store);
    // Every write method on every path the app routes, so that a PUT where only PATCH is routed is refused too.
    const paths = [...new Set([...reg.writeRoutes.map((r) => r.path), '/terraform/v1/buckets/app/channels/prod'])];
    const body = JSON.stringify({ name: 'intruder', description: 'x', fingerprint: 'fp-x', component_type: 'x.y', status: 'BUILD_DONE', version_fingerprint: '', revoke_in: '0s' });
    for (const path of paths) {
      for (const method of ['POST', 'PUT', 'PATCH', 'DELETE']) {
        for (const caller of CALLERS) {
          const headers: Record<string, string> = { 'content-type': 'application/json' };
          if (caller.header) headers.authorization = caller.header === 'read' ? `Bearer ${reg.tokens.read}` : caller.header;
          const res = await fetch(`${reg.url}${path}`, { method, headers, body });
          const answer = `${method} ${path} with ${caller.who}`;
          expect(res.status, answer).toBe(caller.status);
          expect(await res.json(), answer).toEqual({ code: caller.status === 401 ? 16 : 7, message: expect.stringMatching(caller.message), details: [] });
        }
      }
    }
    expect(await snapshotTables(reg.store)).toEqual(before);
    expect(reg.logged).toEqual([]);
  });

  it('hides restricted channels from read tokens on every route that shows channels', async () => {
    const read = { authorization: `Bearer ${reg.tokens.read}` };
    const write = { authorization: `Bearer ${reg.tokens.write}` };
    const base = `${reg.url}${API_PREFIX}/buckets/${FIXTURE.bucket}/channels`;
    const names = async (headers: Record<string, string>) => ((await (await fetch(base, { headers })).json()) as { channels: { name: string }[] }).channels.map((c) => c.name);
    expect(await names(read)).toEqual(['latest']);
    expect(await names(write)).toEqual(['latest', 'prod']);
    for (const url of [`${base}/prod`, `${base}/prod/history`, `${reg.url}/terraform/v1/buckets/${FIXTURE.bucket}/channels/prod`]) {
      const res = await fetch(url, { headers: read });
      expect(res.status, url).toBe(404);
      expect(await res.json()).toEqual({ code: 5, message: `channel "prod" in bucket "${FIXTURE.bucket}" not found`, details: [] });
      expect((await fetch(url, { headers: write })).status, url).toBe(200);
    }
    // Nor does it see one through its bucket or versions.
    for (const path of [`/buckets/${FIXTURE.bucket}`, `/buckets/${FIXTURE.bucket}/versions`, `/buckets/${FIXTURE.bucket}/versions/${FIXTURE.fingerprint}`, '/buckets']) {
      expect(await (await fetch(`${reg.url}${API_PREFIX}${path}`, { headers: read })).text(), path).not.toContain('"prod"');
    }
  });
});
