// The ISO download step against a real HTTP server on loopback: Packer's cache naming, checksum files, reuse of a
// cached ISO, resume of a partial one with a Range request, a wrong checksum (file deleted, both sums shown), URL
// fallback, local files used in place, and iso_target_path. UI lines are Packer 1.6.6's (`packer build` of a qemu
// template against the same kind of server).

import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stepDownloadIso, targetPathOf, type IsoState } from '../../../src/steps/iso/step.js';
import type { IsoConfig } from '../../../src/steps/iso/config.js';
import { testContext } from '../../engine/helpers.js';
import { startHttpServer, type TestHttpServer } from '../../support/http-server.js';
import { startTlsProxy } from '../../support/tls-proxy.js';
import { waitFor } from '../../support/wait.js';

const iso = randomBytes(3_000_000);
const sha256 = createHash('sha256').update(iso).digest('hex');
const md5 = createHash('md5').update(iso).digest('hex');
const sha1 = (s: string) => createHash('sha1').update(s).digest('hex');

let server: TestHttpServer;
/** Whether the server honours Range requests (a server may not). */
let ranges = true;
let work: string;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'tsbuild-iso-'));
  server = await startHttpServer((req, res) => {
    const path = new URL(req.url, 'http://x').pathname;
    if (path === '/SHA256SUMS') return void res.end(`${'0'.repeat(64)}  other.iso\n${sha256} *tiny.iso\n`);
    if (path === '/BSDSUMS') return void res.end(`MD5 (tiny.iso) = ${md5}\n`);
    if (path === '/stalls/tiny.iso') {
      // Sends the first megabyte, then nothing more until the client goes away.
      res.writeHead(200, { 'content-length': iso.length });
      return void res.write(iso.subarray(0, 1_000_000));
    }
    if (path !== '/tiny.iso' && path !== '/mirror/tiny.iso') return void res.writeHead(404).end('no');
    const m = /^bytes=(\d+)-$/.exec(String(req.headers.range ?? ''));
    if (m && ranges) {
      const from = Number(m[1]);
      if (from >= iso.length) return void res.writeHead(416, { 'content-range': `bytes */${iso.length}` }).end();
      res.writeHead(206, { 'content-range': `bytes ${from}-${iso.length - 1}/${iso.length}`, 'content-length': iso.length - from });
      return void res.end(iso.subarray(from));
    }
    res.writeHead(200, { 'content-length': iso.length }).end(iso);
  });
});

afterAll(async () => {
  await server.close();
  rmSync(work, { recursive: true, force: true });
});

async function download(config: Partial<IsoConfig>, env: Record<string, string> = {}) {
  const cache = join(work, 'cache');
  const ctx = testContext({ cwd: work, env: { PACKER_CACHE_DIR: cache, ...env } });
  const state: IsoState = {};
  const before = server.requests.length;
  const error = await stepDownloadIso<IsoState>(() => ({ iso_target_extension: 'iso', ...config }))
    .run(state, ctx)
    .then(() => undefined, (e: Error) => e);
  return { state, lines: ctx.lines.map((l) => l.replaceAll(server.base, 'BASE')), error, requests: server.requests.slice(before), cache };
}

const isoGets = <R extends { url: string }>(r: R[]) => r.filter((q) => q.url.endsWith('tiny.iso'));

describe('stepDownloadIso', () => {
  it('downloads into the cache as sha1(checksum).iso with a checksum file, then reuses it', async () => {
    const first = await download({ iso_url: `${server.base}/tiny.iso`, iso_checksum: `file:${server.base}/SHA256SUMS` });
    expect(first.error).toBeUndefined();
    const target = join(first.cache, `${sha1(`sha256:${sha256}`)}.iso`);
    expect(first.state.isoPath).toBe(target);
    expect(readFileSync(target).equals(iso)).toBe(true);
    expect(first.lines).toEqual([
      '==> t: Retrieving ISO',
      '==> t: Trying BASE/tiny.iso',
      `==> t: Trying BASE/tiny.iso?checksum=sha256%3A${sha256}`,
      `==> t: BASE/tiny.iso?checksum=sha256%3A${sha256} => ${target}`,
    ]);
    const again = await download({ iso_url: `${server.base}/tiny.iso`, iso_checksum: `sha256:${sha256.toUpperCase()}` });
    expect(again.state.isoPath).toBe(target);
    expect(isoGets(again.requests)).toEqual([]);
  });

  it('resumes a partial download with a Range request', async () => {
    const cache = join(work, 'cache');
    const target = join(cache, `${sha1(`md5:${md5}`)}.iso`);
    mkdirSync(cache, { recursive: true });
    writeFileSync(target, iso.subarray(0, 1_000_000));
    const r = await download({ iso_url: `${server.base}/tiny.iso`, iso_checksum: `file:${server.base}/BSDSUMS` });
    expect(r.error).toBeUndefined();
    expect(isoGets(r.requests).map((q) => q.headers.range)).toEqual(['bytes=1000000-']);
    expect(readFileSync(target).equals(iso)).toBe(true);
  });

  it('keeps what a cancelled download got, and the next run resumes from there', async () => {
    const cache = join(work, 'cache-cancel');
    const target = join(cache, `${sha1(`sha256:${sha256}`)}.iso`);
    const ac = new AbortController();
    const ctx = testContext({ cwd: work, env: { PACKER_CACHE_DIR: cache }, signal: ac.signal });
    const config: IsoConfig = { iso_target_extension: 'iso', iso_url: `${server.base}/stalls/tiny.iso`, iso_checksum: `sha256:${sha256}` };
    const running = stepDownloadIso<IsoState>(() => config).run({}, ctx);
    await waitFor(() => statSync(target, { throwIfNoEntry: false })?.size === 1_000_000, { what: 'the first megabyte on disk' });
    ac.abort();
    await expect(running).rejects.toThrow();
    expect(statSync(target).size).toBe(1_000_000);
    const r = await download({ iso_url: `${server.base}/tiny.iso`, iso_checksum: `sha256:${sha256}` }, { PACKER_CACHE_DIR: cache });
    expect(r.error).toBeUndefined();
    expect(isoGets(r.requests).map((q) => q.headers.range)).toEqual(['bytes=1000000-']);
    expect(readFileSync(target).equals(iso)).toBe(true);
  });

  it('starts over when the server ignores the Range request', async () => {
    ranges = false;
    try {
      const target = join(work, 'target', 'my.iso');
      mkdirSync(join(work, 'target'), { recursive: true });
      writeFileSync(target, iso.subarray(0, 5));
      const r = await download({ iso_url: `${server.base}/tiny.iso`, iso_checksum: sha256, iso_target_path: 'target/my.iso' });
      expect(r.error).toBeUndefined();
      expect(r.state.isoPath).toBe(target);
      expect(readFileSync(target).equals(iso)).toBe(true);
    } finally {
      ranges = true;
    }
  });

  it('deletes a download whose checksum does not match and fails with both sums', async () => {
    const wrong = 'a'.repeat(64);
    const r = await download({ iso_url: `${server.base}/tiny.iso`, iso_checksum: `sha256:${wrong}` });
    const target = join(r.cache, `${sha1(`sha256:${wrong}`)}.iso`);
    expect(existsSync(target)).toBe(false);
    expect(r.lines).toContain(`==> t: Checksum did not match, removing ${target}`);
    expect(r.error?.message).toBe(`error downloading ISO: [Checksums did not match for ${target}.\nExpected: ${wrong}\nGot: ${sha256}]`);
  });

  it('tries the next URL when one fails, and names the cache file after the URL with checksum none', async () => {
    const r = await download({ iso_urls: [`${server.base}/missing.iso`, `${server.base}/mirror/tiny.iso`], iso_checksum: 'none' });
    expect(r.error).toBeUndefined();
    expect(r.lines).toContain('==> t: Download failed bad response code: 404');
    expect(r.state.isoPath).toBe(join(r.cache, `${sha1(`${server.base}/mirror/tiny.iso`)}.iso`));
    expect(r.state.isoUrl).toBe(`${server.base}/mirror/tiny.iso`);
  });

  it('checks a local file where it is, with a local checksum file', async () => {
    writeFileSync(join(work, 'tiny.iso'), iso);
    writeFileSync(join(work, 'MD5SUMS'), `${md5}  tiny.iso\n`);
    const r = await download({ iso_url: './tiny.iso', iso_checksum: 'file:./MD5SUMS' });
    expect(r.error).toBeUndefined();
    expect(r.state.isoPath).toBe(join(work, 'tiny.iso'));
    expect(r.lines.at(-1)).toBe(`==> t: ./tiny.iso?checksum=md5%3A${md5} => ${join(work, 'tiny.iso')}`);
    const bad = await download({ iso_url: `file://${join(work, 'tiny.iso')}`, iso_checksum: `md5:${'0'.repeat(32)}` });
    expect(bad.error?.message).toMatch(/^error downloading ISO: \[Checksums did not match for .*tiny.iso\.\nExpected: 0{32}\nGot: /);
    expect(existsSync(join(work, 'tiny.iso'))).toBe(true);
  });

  it("fails with Packer's messages when the checksum file has no line for the ISO or cannot be read", async () => {
    const r = await download({ iso_url: `${server.base}/other/none.iso`, iso_checksum: `file:${server.base}/SHA256SUMS` });
    expect(r.error?.message).toBe(`no checksum found in: ${server.base}/SHA256SUMS in "file:${server.base}/SHA256SUMS"`);
    const missing = await download({ iso_url: './tiny.iso', iso_checksum: 'file:./nothere' });
    expect(missing.error?.message).toBe(`Error downloading checksum file: source path error: stat ${join(work, 'nothere')}: no such file or directory in "file:./nothere"`);
  });

  it('reports progress while downloading, up to the whole size', async () => {
    const seen: [number, number | undefined][] = [];
    let done = false;
    const progress = () => Object.assign((r: number, t: number | undefined) => void seen.push([r, t]), { done: () => void (done = true) });
    const ctx = testContext({ cwd: work, env: { PACKER_CACHE_DIR: join(work, 'cache-progress') } });
    await stepDownloadIso<IsoState>(() => ({ iso_target_extension: 'iso', iso_url: `${server.base}/tiny.iso`, iso_checksum: 'none' }), { progress }).run({}, ctx);
    expect(seen.length).toBeGreaterThan(1);
    expect(seen.at(-1)).toEqual([iso.length, iso.length]);
    expect(done).toBe(true);
  });

  it('downloads over https only from a server whose certificate is trusted', async () => {
    const tls = await startTlsProxy({ host: '127.0.0.1', port: server.port });
    try {
      const r = await download({ iso_url: `${tls.url}/tiny.iso`, iso_checksum: `sha256:${sha256}` }, { PACKER_CACHE_DIR: join(work, 'cache-tls') });
      expect(r.error?.message).toBe(`error downloading ISO: [Get "${tls.url}/tiny.iso": self-signed certificate]`);
      expect(r.lines).toContain(`==> t: Download failed Get "${tls.url}/tiny.iso": self-signed certificate`);
    } finally {
      await tls.close();
    }
  });

  it("names targets as Packer 1.6.6 does (values from a packer build of a qemu template)", () => {
    const c: IsoConfig = { iso_target_extension: 'iso' };
    const ctx = { env: { PACKER_CACHE_DIR: '/c' }, cwd: '/w' };
    const hex = '3d1ae1375be121699b31e696696890e04d704fa86d02e730124297e62dd22e03';
    expect(targetPathOf(c, 'http://127.0.0.1:18181/small.iso', { type: 'sha256', hex }, ctx)).toBe('/c/d62aa9c2a44e6f2e169eb39034c7124d3ef9b229.iso');
    expect(targetPathOf(c, 'http://127.0.0.1:18181/small.iso', undefined, ctx)).toBe('/c/4e847149aca70f242585ad20bd420f9891fd6e40.iso');
    expect(targetPathOf(c, 'x', undefined, { env: {}, cwd: '/w' })).toBe(`/w/packer_cache/${sha1('x')}.iso`);
    expect(targetPathOf({ ...c, iso_target_path: 'isos' }, 'x', undefined, ctx)).toBe(`/w/isos/${sha1('x')}.iso`);
  });
});
