// The build's HTTP server step, over real loopback HTTP: http_directory as Go's FileServer serves it, http_content
// as Packer's MapServer, the port range, Packer's checks, and the port freed at cleanup.

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { httpProblems, stepHttpServer, type HttpConfig, type HttpState } from '../../src/steps/http-server.js';
import { testContext } from '../engine/helpers.js';
import { canConnect } from '../support/wait.js';

const dir = mkdtempSync(join(tmpdir(), 'tsbuild-http-step-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const base = { http_port_min: 8000, http_port_max: 9000, http_bind_address: '127.0.0.1' };

async function serve(config: HttpConfig): Promise<{ state: HttpState; lines: string[]; get(path: string): Promise<{ status: number; body: string }>; stop(): Promise<void> }> {
  const state: HttpState = {};
  const ctx = testContext({ cwd: dir });
  const step = stepHttpServer<HttpState>(() => config);
  await step.run(state, ctx);
  return {
    state,
    lines: ctx.lines,
    get: async (path) => {
      const r = await fetch(`http://127.0.0.1:${state.httpPort}${path}`);
      return { status: r.status, body: await r.text() };
    },
    stop: () => step.cleanup!(state, { ...ctx, outcome: { halted: false, cancelled: false } }),
  };
}

describe('stepHttpServer', () => {
  it('serves http_directory: files, index.html, listings, nothing outside it', async () => {
    mkdirSync(join(dir, 'www/sub'), { recursive: true });
    mkdirSync(join(dir, 'www/site'), { recursive: true });
    writeFileSync(join(dir, 'www/ks.cfg'), 'install\n');
    writeFileSync(join(dir, 'www/sub/a b.txt'), 'spaced');
    writeFileSync(join(dir, 'www/site/index.html'), '<p>home</p>');
    writeFileSync(join(dir, 'secret'), 'outside');
    const s = await serve({ ...base, http_directory: 'www' });
    try {
      expect(s.lines).toEqual([`==> t: Starting HTTP server on port ${s.state.httpPort}`]);
      expect(s.state.httpPort).toBeGreaterThanOrEqual(8000);
      expect(s.state.httpPort).toBeLessThanOrEqual(9000);
      expect(await s.get('/ks.cfg')).toEqual({ status: 200, body: 'install\n' });
      expect(await s.get('/sub/a%20b.txt')).toEqual({ status: 200, body: 'spaced' });
      expect(await s.get('/site/')).toEqual({ status: 200, body: '<p>home</p>' });
      expect((await s.get('/')).body).toContain('<a href="sub/">sub/</a>');
      expect((await s.get('/%2e%2e/secret')).status).toBe(404);
      expect((await s.get('/missing')).status).toBe(404);
    } finally {
      await s.stop();
    }
    expect(await canConnect(s.state.httpPort!)).toBe(false);
  });

  it('serves http_content by exact path, with a suggestion for a near miss', async () => {
    const s = await serve({ ...base, http_content: { '/preseed.cfg': 'd-i foo', '/a/b': 'deep' } });
    try {
      expect(await s.get('/preseed.cfg')).toEqual({ status: 200, body: 'd-i foo' });
      expect(await s.get('/a/./b')).toEqual({ status: 200, body: 'deep' });
      expect(await s.get('/preseed.cf')).toEqual({ status: 404, body: '/preseed.cf not found. Did you mean "/preseed.cfg"?\n' });
    } finally {
      await s.stop();
    }
  });

  it('takes the one free port of a range, and says so when none is free', async () => {
    const blocker = createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', r));
    const taken = (blocker.address() as { port: number }).port;
    try {
      const s = await serve({ ...base, http_port_min: taken, http_port_max: taken + 1, http_content: { '/x': 'y' } });
      expect(s.state.httpPort).toBe(taken + 1);
      await s.stop();
      await expect(serve({ ...base, http_port_min: taken, http_port_max: taken, http_content: { '/x': 'y' } })).rejects.toThrow(`Error finding port: no port free on 127.0.0.1 from ${taken} to ${taken}`);
    } finally {
      blocker.close();
    }
  });

  it('starts nothing when there is nothing to serve, and fails on a missing folder as Packer', async () => {
    const s = await serve({ ...base });
    expect(s.state.httpPort).toBe(0);
    expect(s.lines).toEqual([]);
    await expect(serve({ ...base, http_directory: 'nope' })).rejects.toThrow('Error finding "nope": stat nope: no such file or directory');
  });

  it("checks the options with Packer's messages", () => {
    expect(httpProblems({ ...base, http_port_min: 9, http_port_max: 8 }).map((p) => p.message)).toEqual(['http_port_min must be less than http_port_max']);
    expect(httpProblems({ ...base, http_directory: 'www', http_content: { '/a': 'b' } }).map((p) => p.message)[0]).toMatch(/^http_content cannot be used in conjunction with http_dir/);
  });
});
