// The routes the web page needs, through `app.request()`: GET /caller (the presented token's scope) and the page's
// own files at `/` and `/ui/{file}`, served without a token and under a policy that runs only the page's scripts.

import { readdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_PREFIX } from '../../registry/api/types.js';
import { createApp } from '../../registry/server/app.js';
import { createToken } from '../../registry/store/index.js';
import { storeKinds } from '../support/registry-stores.js';

const { kinds, stopStores } = storeKinds();
afterAll(stopStores);

describe('registry routes for the web page', () => {
  let app: ReturnType<typeof createApp>;
  const tokens: Record<string, { id: string; token: string }> = {};
  beforeAll(async () => {
    const store = await kinds.find((k) => k.name === 'sqlite')!.open();
    app = createApp({ store, log: (line) => expect.fail(line) });
    for (const scope of ['read', 'write', 'admin'] as const) tokens[scope] = await createToken(store, scope, { author: 'test' });
  });
  const get = async (path: string, token?: string) => {
    const res = await app.request(path, { headers: token ? { authorization: `Bearer ${token}` } : {} });
    return { status: res.status, type: res.headers.get('content-type'), csp: res.headers.get('content-security-policy'), text: await res.text() };
  };

  it('GET /caller tells the token scope and the author its changes are recorded under', async () => {
    for (const scope of ['read', 'write', 'admin']) {
      const res = await get(`${API_PREFIX}/caller`, tokens[scope]!.token);
      expect(res.status).toBe(200);
      expect(JSON.parse(res.text)).toEqual({ caller: { scope, author_id: `token:${tokens[scope]!.id}` } });
    }
    expect(JSON.parse((await get(`${API_PREFIX}/caller`, 'tsbr_nope')).text)).toEqual({ code: 16, message: 'unknown token', details: [] });
    expect((await get(`${API_PREFIX}/caller`)).status).toBe(401);
  });

  it('serves the page at / and each of its files under /ui/ with its type, no token needed', async () => {
    const page = await get('/');
    expect(page).toMatchObject({ status: 200, type: 'text/html; charset=utf-8' });
    expect(page.text).toContain('<script type="module" src="/ui/app.js"></script>');
    expect(page.csp).toContain("script-src 'self'");
    const files = readdirSync(new URL('../../registry/web/', import.meta.url));
    expect(files).toEqual(expect.arrayContaining(['index.html', 'app.js', 'style.css']));
    for (const name of files.filter((f) => f !== 'index.html')) {
      const res = await get(`/ui/${name}`);
      expect(res.status, name).toBe(200);
      expect(res.type).toBe(name.endsWith('.css') ? 'text/css; charset=utf-8' : 'text/javascript; charset=utf-8');
    }
    // Every module the page imports is one it serves.
    for (const name of files.filter((f) => f.endsWith('.js'))) {
      const text = (await get(`/ui/${name}`)).text;
      for (const [, imported] of text.matchAll(/from '\.\/([^']+)'/g)) expect(files, `${name} imports ${imported}`).toContain(imported);
    }
    expect(await get('/ui/nope.js')).toMatchObject({ status: 404, text: expect.stringContaining('no file \\"nope.js\\" in the web page') });
    expect((await get('/ui/..%2Fserver%2Fapp.ts')).status).toBe(404);
  });
});
