// Channel lookups answered by the listener ahead of the app (registry/server/lookup-listener.ts), on both databases:
// the same answer as the app's, byte for byte and header for header; everything but a plain success left to the
// app; and the caches shared with it (a revoked token, a channel moved through the app, seen at once).

import type { ServerType } from '@hono/node-server';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_PREFIX } from '../../registry/api/types.js';
import { createApp, createCaches } from '../../registry/server/app.js';
import { listenRegistry } from '../../registry/server/listen.js';
import { lookupListener } from '../../registry/server/lookup-listener.js';
import { createBucket, createBuild, createChannel, createToken, createVersion, updateBuild, type Store } from '../../registry/store/index.js';
import { storeKinds } from '../support/registry-stores.js';

const { kinds, stopStores } = storeKinds();
afterAll(() => stopStores());

const urlOf = (s: Server | ServerType) => `http://127.0.0.1:${(s.address() as AddressInfo).port}`;
const basic = (token: string) => `Basic ${Buffer.from(`tsbuild:${token}`).toString('base64')}`;

async function publish(store: Store, fingerprint: string, ami: string): Promise<void> {
  await createVersion(store, 'app', { fingerprint }, 'test');
  const build = await createBuild(store, 'app', fingerprint, { component_type: 'amazon-ebs.base', platform: 'aws' }, 'test');
  await updateBuild(store, 'app', fingerprint, build.id, { status: 'BUILD_DONE', artifacts: [{ external_identifier: ami, region: 'us-east-1' }] }, 'test');
}

describe.each(kinds)('channel lookups answered by the listener ($name)', (kind) => {
  let store: Store;
  let server: ServerType;
  let spied: Server;
  /** Requests the spied listener gave to its app (which answers 418). */
  const given: string[] = [];
  const tokens = { read: '', readId: '', write: '', admin: '' };

  beforeAll(async () => {
    store = await kind.open();
    for (const scope of ['read', 'write', 'admin'] as const) {
      const made = await createToken(store, scope, { author: 'test' });
      tokens[scope] = made.token;
      if (scope === 'read') tokens.readId = made.id;
    }
    await createBucket(store, { name: 'app' }, 'test');
    await publish(store, 'fp1', 'ami-0001');
    await publish(store, 'fp2', 'ami-0002');
    await createChannel(store, 'app', { name: 'prod', version_fingerprint: 'fp1' }, 'test');
    await createChannel(store, 'app', { name: 'secret', restricted: true, version_fingerprint: 'fp1' }, 'test');
    // As `registry serve`: the app and the listener over the same caches.
    const caches = createCaches();
    server = await listenRegistry(createApp({ store, caches, log: (line) => expect.fail(line) }), '127.0.0.1', 0, { store, caches });
    // The listener alone, in front of an app that only records what it was given.
    const spyCaches = createCaches();
    spied = createServer(
      lookupListener({ store, caches: spyCaches }, (req: IncomingMessage, res) => {
        given.push(`${req.method} ${req.url}`);
        res.writeHead(418).end();
      }),
    );
    await new Promise<void>((ready) => spied.listen(0, '127.0.0.1', ready));
  });
  afterAll(async () => {
    await new Promise((closed) => server?.close(closed));
    await new Promise((closed) => spied?.close(closed));
  });

  /** Status, headers (Date aside) and body of a GET. */
  const get = async (base: string, path: string, authorization?: string, method = 'GET') => {
    const res = await fetch(`${base}${path}`, { method, headers: authorization ? { authorization } : {} });
    const headers = Object.fromEntries([...res.headers].filter(([name]) => name !== 'date'));
    return { status: res.status, headers, body: await res.text() };
  };

  it("answers the channel GET and the Terraform state document itself, with the app's bytes and headers", async () => {
    // `%61pp` is `app` percent-encoded: the listener leaves such a path to the app, which decodes it.
    const cases = [
      { mine: `${API_PREFIX}/buckets/app/channels/prod`, apps: `${API_PREFIX}/buckets/%61pp/channels/prod`, auth: `Bearer ${tokens.read}` },
      { mine: '/terraform/v1/buckets/app/channels/prod', apps: '/terraform/v1/buckets/%61pp/channels/prod', auth: basic(tokens.read) },
      { mine: `${API_PREFIX}/buckets/app/channels/secret`, apps: `${API_PREFIX}/buckets/%61pp/channels/secret`, auth: `Bearer ${tokens.write}` },
    ];
    for (const c of cases) {
      given.length = 0;
      const mine = await get(urlOf(spied), c.mine, c.auth);
      expect(given, c.mine).toEqual([]);
      expect(mine.status).toBe(200);
      expect(mine.body).toContain('ami-0001');
      // Through the real server, by the listener and by the app: the same status, headers and bytes.
      const direct = await get(urlOf(server), c.mine, c.auth);
      expect(direct.body).toBe(mine.body);
      expect(await get(urlOf(server), c.apps, c.auth)).toEqual(direct);
      expect((await get(urlOf(spied), c.apps, c.auth)).status).toBe(418);
      expect(given).toEqual([`GET ${c.apps}`]);
    }
  });

  it('gives the app every request that is not a lookup it can answer, and the app answers them as before', async () => {
    const prod = `${API_PREFIX}/buckets/app/channels/prod`;
    const read = `Bearer ${tokens.read}`;
    const cases: { path: string; auth?: string; method?: string; status: number }[] = [
      { path: prod, status: 401 },
      { path: prod, auth: 'Bearer tsbr_not-a-token', status: 401 },
      { path: `${API_PREFIX}/buckets/app/channels/secret`, auth: read, status: 404 },
      { path: `${API_PREFIX}/buckets/app/channels/nope`, auth: read, status: 404 },
      { path: `${API_PREFIX}/buckets/nope/channels/prod`, auth: read, status: 404 },
      { path: '/packer/2023-01-01/organizations/acme/projects/default/buckets/app/channels/prod', auth: read, status: 404 },
      { path: `${prod}/`, auth: read, status: 404 },
      { path: `${prod}?x=1`, auth: read, status: 200 },
      { path: `${API_PREFIX}/buckets/app/channels/prod/history`, auth: read, status: 200 },
      { path: prod, auth: read, method: 'HEAD', status: 200 },
      { path: prod, auth: read, method: 'DELETE', status: 403 },
    ];
    for (const c of cases) {
      given.length = 0;
      const method = c.method ?? 'GET';
      expect((await get(urlOf(spied), c.path, c.auth, method)).status, `${method} ${c.path}`).toBe(418);
      expect(given).toEqual([`${method} ${c.path}`]);
      expect((await get(urlOf(server), c.path, c.auth, method)).status, `${method} ${c.path}`).toBe(c.status);
    }
  });

  it('shares the caches with the app: a channel moved or a token revoked through it is seen by the next lookup', async () => {
    const prod = `${API_PREFIX}/buckets/app/channels/prod`;
    const read = `Bearer ${tokens.read}`;
    expect((await get(urlOf(server), prod, read)).body).toContain('ami-0001');
    const moved = await fetch(`${urlOf(server)}${prod}`, { method: 'PATCH', headers: { authorization: `Bearer ${tokens.write}`, 'content-type': 'application/json' }, body: JSON.stringify({ version_fingerprint: 'fp2' }) });
    expect(moved.status).toBe(200);
    expect((await get(urlOf(server), prod, read)).body).toContain('ami-0002');
    const revoked = await fetch(`${urlOf(server)}${API_PREFIX}/tokens/${tokens.readId}`, { method: 'DELETE', headers: { authorization: `Bearer ${tokens.admin}` } });
    expect(revoked.status).toBe(200);
    const after = await get(urlOf(server), prod, read);
    expect(after.status).toBe(401);
    expect(after.body).toContain('unknown token');
  });
});
