import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpDataConfig } from '../../data-sources/http/config.js';
import { httpDataSource } from '../../data-sources/http/index.js';
import { configOf, problemsOf } from '../support/config.js';
import type { DataSourceContext } from '../../src/plugin/plugins.js';
import { closedPort, startHttpServer, type TestHttpServer } from '../support/http-server.js';

function context(): DataSourceContext & { warnings: string[] } {
  const warnings: string[] = [];
  return { signal: new AbortController().signal, env: {}, cwd: process.cwd(), ui: { warn: (m) => warnings.push(m) }, warnings };
}

const run = (config: Record<string, unknown>, ctx = context()) => httpDataSource.execute(configOf(httpDataConfig, config), ctx) as Promise<Record<string, unknown>>;

describe('http data source against a loopback server', () => {
  let server: TestHttpServer;
  beforeAll(async () => {
    server = await startHttpServer((req, res) => {
      if (req.url === '/text') {
        res.setHeader('Content-Type', 'text/plain; charset=utf-8');
        res.setHeader('x-multi', ['one', 'two']);
        res.end(`hello from ${req.method}`);
      } else if (req.url === '/echo') {
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ method: req.method, body: req.body, token: req.headers['x-token'] ?? null }));
      } else if (req.url === '/moved') {
        res.statusCode = 302;
        res.setHeader('Location', '/echo');
        res.end();
      } else if (req.url === '/kept') {
        res.statusCode = 307;
        res.setHeader('Location', `${server.base}/echo`);
        res.end();
      } else if (req.url === '/loop') {
        res.statusCode = 301;
        res.setHeader('Location', '/loop');
        res.end();
      } else if (req.url === '/binary') {
        res.setHeader('Content-Type', 'application/octet-stream');
        res.end('raw');
      } else {
        res.statusCode = 404;
        res.end('no such page');
      }
    });
  });
  afterAll(() => server.close());

  it('GETs the URL and gives body, status and response headers (Go canonical names, repeats joined)', async () => {
    const ctx = context();
    const out = await run({ url: `${server.base}/text` }, ctx);
    expect(out.url).toBe(`${server.base}/text`);
    expect(out.body).toBe('hello from GET');
    expect(out.status_code).toBe(200);
    expect(out.request_headers).toMatchObject({ 'Content-Type': 'text/plain; charset=utf-8', 'X-Multi': 'one, two' });
    expect(out.response_headers).toEqual(out.request_headers);
    expect(ctx.warnings).toEqual([]);
    expect(server.requests.at(-1)).toMatchObject({ method: 'GET', url: '/text' });
  });

  it('sends the method, request headers and request body', async () => {
    const out = await run({ url: `${server.base}/echo`, method: 'POST', request_headers: { 'X-Token': 'abc' }, request_body: 'payload' });
    expect(JSON.parse(out.body as string)).toEqual({ method: 'POST', body: 'payload', token: 'abc' });
  });

  it('follows a 302 as a GET without the body, and a 307 with method and body kept', async () => {
    const moved = await run({ url: `${server.base}/moved`, method: 'POST', request_body: 'payload' });
    expect(JSON.parse(moved.body as string)).toEqual({ method: 'GET', body: '', token: null });
    expect(moved.url).toBe(`${server.base}/moved`);
    const kept = await run({ url: `${server.base}/kept`, method: 'PUT', request_body: 'payload' });
    expect(JSON.parse(kept.body as string)).toEqual({ method: 'PUT', body: 'payload', token: null });
  });

  it('stops after 10 redirects', async () => {
    await expect(run({ url: `${server.base}/loop` })).rejects.toThrow(`HTTP request error: GET ${server.base}/loop failed: stopped after 10 redirects`);
  });

  it('fails on a 404 with the URL and the status', async () => {
    await expect(run({ url: `${server.base}/missing` })).rejects.toThrow(`HTTP request error: GET ${server.base}/missing answered 404 Not Found; a 2xx status is required`);
  });

  it('fails on a closed port with the URL and the reason', async () => {
    const port = await closedPort();
    await expect(run({ url: `http://127.0.0.1:${port}/x` })).rejects.toThrow(`HTTP request error: GET http://127.0.0.1:${port}/x failed: connect ECONNREFUSED 127.0.0.1:${port}`);
  });

  it('warns when the answer is not text, as Packer does', async () => {
    const ctx = context();
    const out = await run({ url: `${server.base}/binary` }, ctx);
    expect(out.body).toBe('raw');
    expect(ctx.warnings).toEqual([`Content-Type is not recognized as a text type, got "application/octet-stream" from ${server.base}/binary. If the content is binary data, the body may not hold what the server sent.`]);
  });

  it('checks its configuration as Packer does', () => {
    const check = (c: Record<string, unknown>) => problemsOf(httpDataConfig, c);
    expect(check({ url: '' })).toEqual(['the `url` must be specified']);
    expect(check({ url: 'http://x', method: 'get' })).toEqual(['the `method` must be one of [HEAD GET POST PUT DELETE OPTIONS PATCH]; got "get"']);
    expect(check({ url: 'file:///etc/passwd' })).toEqual(['the `url` must be an http or https URL; got "file:///etc/passwd"']);
    expect(check({ url: 'https://example.com/a', method: 'PATCH' })).toEqual([]);
  });
});
