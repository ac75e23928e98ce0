// Bad request bodies on every write route of the app (read from Hono's route list), over a real HTTP listener on
// SQLite and PostgreSQL: malformed JSON, JSON of the wrong type, fields of the wrong type, invalid UTF-8, a NUL or an
// unpaired surrogate, a wrong content type, bodies over the 1 MiB limit (with a Content-Length, chunked, with a
// Content-Length that lies, with none) and bodies cut short. Each gets a 4xx with a message in the API's error shape,
// never a 5xx; the app logs no internal error; the server answers afterwards.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_PREFIX } from '../../registry/api/types.js';
import { requestHead, sendRaw, type RawResponse } from '../support/raw-http.js';
import { snapshotTables, startHttpRegistry, type HttpRegistry } from '../support/registry-http.js';
import { storeKinds } from '../support/registry-stores.js';

const { kinds, stopStores } = storeKinds();
afterAll(stopStores);

const MiB = 1024 * 1024;
const json = (v: unknown) => Buffer.from(JSON.stringify(v));
const long = 'x'.repeat(600);

/** Bodies that are wrong for any route that reads one (DELETE takes none, so any body is wrong there). */
const ANY_ROUTE: [string, Buffer, number][] = [
  ['malformed JSON', Buffer.from('{"name": '), 400],
  ['a JSON array', Buffer.from('[{"name": "a"}]'), 400],
  ['JSON null', Buffer.from('null'), 400],
  ['a JSON number', Buffer.from('42'), 400],
  ['a JSON string', Buffer.from('"app"'), 400],
  ['invalid UTF-8', Buffer.concat([Buffer.from('{"name": "a'), Buffer.from([0xff, 0xfe, 0xc3]), Buffer.from('"}')]), 400],
  ['a NUL in a value', Buffer.from('{"name": "a\\u0000b", "fingerprint": "a\\u0000b", "component_type": "a\\u0000b", "version_fingerprint": "a\\u0000b"}'), 400],
  ['a NUL in a key', Buffer.from('{"a\\u0000b": "x"}'), 400],
  ['an unpaired surrogate', Buffer.from('{"name": "a\\ud800", "fingerprint": "a\\ud800", "component_type": "a\\ud800", "description": "\\udc00"}'), 400],
];

/** Fields of the wrong type or size, per route as the app names it (after the API prefix). */
const BY_ROUTE: Record<string, unknown[]> = {
  'POST /buckets': [{ name: 5 }, { name: null }, { name: 'b1', description: 5 }, { name: 'b2', labels: ['a'] }, { name: 'b3', labels: { a: null } }, { name: 'b4', labels: 'a=b' }],
  'PATCH /buckets/:bucket': [{ description: 5 }, { labels: null }, { labels: { a: 1 } }],
  'POST /buckets/:bucket/versions': [{ fingerprint: 5 }, { fingerprint: null }, { fingerprint: {} }, { fingerprint: long }, { fingerprint: 'f2', parent_version_id: 5 }],
  'PATCH /buckets/:bucket/versions/:fingerprint': [
    { revoke_in: 5 },
    { revoke_at: 5 },
    { revoke_at: 'tomorrow' },
    { revoke_in: `${'9'.repeat(30)}h` },
    { revoke_in: '99999999999h' },
    { revoke_in: '0s', revocation_message: 5 },
    { restore: 'yes' },
    { revoke_in: '0s', skip_descendants_revocation: 1 },
  ],
  'POST /buckets/:bucket/versions/:fingerprint/builds': [
    { component_type: 5 },
    { component_type: long },
    { component_type: 'a.b', status: 5 },
    { component_type: 'a.c', status: 'DONE' },
    { component_type: 'a.d', metadata: null },
    { component_type: 'a.e', metadata: [] },
    { component_type: 'a.f', labels: [] },
    { component_type: 'a.g', platform: null },
    { component_type: 'a.h', parent_version_id: 7 },
  ],
  'PATCH /buckets/:bucket/versions/:fingerprint/builds/:build': [
    { status: 'NOPE' },
    { artifacts: 'sha256:x' },
    { artifacts: [null] },
    { artifacts: [{ external_identifier: 5 }] },
    { artifacts: [{ external_identifier: long }] },
    { artifacts: [{ external_identifier: 'x', region: 5 }] },
    { metadata: 'x' },
    { parent_version_id: 'x' },
  ],
  'POST /buckets/:bucket/channels': [{ name: 5 }, { name: 'c1', restricted: 'yes' }, { name: 'c2', version_fingerprint: 5 }, { name: long }],
  'PATCH /buckets/:bucket/channels/:channel': [{ restricted: 1 }, { version_fingerprint: 5 }, { version_fingerprint: null }],
};

function expectRefused(res: RawResponse | undefined, what: string, status?: number): void {
  expect(res, `${what}: no answer`).toBeDefined();
  if (status !== undefined) expect(res!.status, `${what}: ${res!.body}`).toBe(status);
  expect(res!.status, `${what}: ${res!.body}`).toBeGreaterThanOrEqual(400);
  expect(res!.status, `${what}: ${res!.body}`).toBeLessThan(500);
  expect(res!.headers['content-type'], what).toMatch(/^application\/json/);
  expect(JSON.parse(res!.body), what).toEqual({ code: expect.any(Number), message: expect.stringMatching(/\w/), details: [] });
}

describe.each(kinds)('bad request bodies on every write route on $name', (kind) => {
  let reg: HttpRegistry;
  let auth: string;
  beforeAll(async () => {
    reg = await startHttpRegistry(kind);
    // An admin token: every write route reads its body for it (token routes refuse a write token before reading one).
    auth = `Bearer ${reg.tokens.admin}`;
  });
  afterAll(() => reg?.stop());

  const send = async (method: string, path: string, body: Buffer, headers: Record<string, string> = {}) =>
    (await sendRaw(`${reg.url}${path}`, requestHead(method, `${reg.url}${path}`, { authorization: auth, 'content-type': 'application/json', 'content-length': String(body.length), ...headers }), [body]))[0];

  it('answers malformed, mistyped and mis-encoded bodies with a 4xx and a message', async () => {
    const before = await snapshotTables(reg.store);
    const seen: string[] = [];
    for (const { method, path, route } of reg.writeRoutes) {
      const name = `${method} ${route.replace(API_PREFIX.replace('default', ':org').replace('default', ':project'), '')}`;
      seen.push(name);
      const cases: [string, Buffer, number | undefined][] = [...ANY_ROUTE, ...(BY_ROUTE[name] ?? []).map((b): [string, Buffer, undefined] => [JSON.stringify(b).slice(0, 80), json(b), undefined])];
      for (const [what, body, status] of cases) expectRefused(await send(method, path, body), `${method} ${path} with ${what}`, method === 'DELETE' ? 400 : status);
      const typed = await send(method, path, json({ name: 'typed', fingerprint: 'typed', component_type: 'typed.x' }), { 'content-type': 'text/plain' });
      expectRefused(typed, `${method} ${path} sent as text/plain`, method === 'DELETE' ? 400 : 415);
      expectRefused(await send(method, path, json({}), { 'content-type': 'application/x-www-form-urlencoded' }), `${method} ${path} sent as a form`);
    }
    expect(seen).toEqual(expect.arrayContaining(Object.keys(BY_ROUTE)));
    expect(await snapshotTables(reg.store)).toEqual(before);
    expect(reg.logged).toEqual([]);
  });

  it('answers bodies over 1 MiB with a 413, whether their length is given, chunked, false or missing', async () => {
    const before = await snapshotTables(reg.store);
    const big = json({ name: 'big', description: 'x'.repeat(2 * MiB) });
    for (const { method, path } of reg.writeRoutes) {
      const url = `${reg.url}${path}`;
      const head = (headers: Record<string, string>) => requestHead(method, url, { authorization: auth, 'content-type': 'application/json', ...headers });
      expectRefused((await sendRaw(url, head({ 'content-length': String(big.length) }), [big]))[0], `${method} ${path} with Content-Length`, 413);
      const chunks = Array.from({ length: 3 }, (_, i) => big.subarray(i * MiB, (i + 1) * MiB)).filter((c) => c.length > 0);
      const chunked = chunks.flatMap((c) => [Buffer.from(`${c.length.toString(16)}\r\n`), c, Buffer.from('\r\n')]).concat(Buffer.from('0\r\n\r\n'));
      expectRefused((await sendRaw(url, head({ 'transfer-encoding': 'chunked' }), chunked))[0], `${method} ${path} chunked`, 413);
      // Says 2 MiB, sends a little and stops: a 413 on its word, or a 400 when the end of its stream comes first.
      expectRefused((await sendRaw(url, head({ 'content-length': String(2 * MiB) }), [Buffer.from('{"name":')], { halfClose: true }))[0], `${method} ${path} with a Content-Length too large`);
      // Says 20 bytes, sends 2 MiB: the 20 are no JSON object, the rest no HTTP request.
      for (const res of await sendRaw(url, head({ 'content-length': '20' }), [big])) expectRefused(res, `${method} ${path} with a Content-Length too small`);
      if (method !== 'DELETE') {
        // No length at all: HTTP/1.1 reads no body, so the bytes that follow are a malformed next request.
        const answers = await sendRaw(url, requestHead(method, url, { authorization: auth, 'content-type': 'application/json' }).filter((l) => !/^Connection/.test(l)), [big]);
        expect(answers.length, `${method} ${path} without a length`).toBeGreaterThan(0);
        for (const res of answers.slice(1)) expectRefused(res, `${method} ${path} without a length`);
        expect(answers[0]!.status).toBeLessThan(500);
      }
      // A body cut short: the client stops sending and closes its side.
      const cut = await sendRaw(url, head({ 'content-length': '100' }), [Buffer.from('{"name": "cut')], { halfClose: true });
      for (const res of cut) expectRefused(res, `${method} ${path} cut short`);
    }
    const after = await snapshotTables(reg.store);
    // A request with no length at all may apply (its body is empty): only its own harmless updates differ.
    expect(Object.keys(after)).toEqual(Object.keys(before));
    expect(after.buckets!.length).toBe(before.buckets!.length);
    expect(after.versions!.length).toBe(before.versions!.length);
    expect(reg.logged).toEqual([]);
    const res = await fetch(`${reg.url}${API_PREFIX}/buckets`, { headers: { authorization: auth } });
    expect(res.status).toBe(200);
  });

  it('answers NUL characters in the address with a 400 and still serves', async () => {
    for (const path of ['/buckets/a%00b', '/buckets/app/versions/a%00b', '/artifacts/versions?external_identifier=a%00b']) {
      const res = await fetch(`${reg.url}${API_PREFIX}${path}`, { headers: { authorization: auth } });
      expect(res.status, path).toBe(400);
      expect(await res.json()).toEqual({ code: 3, message: 'the request address holds a NUL character (%00)', details: [] });
    }
    const res = await fetch(`${reg.url}${API_PREFIX}/buckets/a%00b`, { method: 'PATCH', headers: { authorization: auth, 'content-type': 'application/json' }, body: '{}' });
    expect(res.status).toBe(400);
    expect(reg.logged).toEqual([]);
  });
});
