// `tsbuild registry serve` and `tsbuild registry token create` through the real CLI, and the promise that other
// commands load none of the registry's libraries.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_PREFIX } from '../../registry/api/types.js';
import { runCli, startCli } from '../support/cli.js';
import { waitFor } from '../support/wait.js';

let dir: string;
/** NODE_OPTIONS that make a process say on stderr every module it loads from outside the bundle (`loaded <name>`). */
let traceOptions: string;
const REGISTRY_MODULES = /^loaded (better-sqlite3|pg|hono|@hono\/node-server|kysely|ulid)$/m;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'tsbuild-registry-cli-'));
  const trace = join(dir, 'trace.cjs');
  writeFileSync(trace, "const M = require('module'); const load = M._load; M._load = function (r, ...a) { if (!r.startsWith('node:')) process.stderr.write('loaded ' + r + '\\n'); return load.call(this, r, ...a); };\n");
  traceOptions = `--require ${trace}`;
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('tsbuild registry', () => {
  it('serves the API over a SQLite file; a token created while it runs authenticates a request; SIGTERM stops it', async () => {
    const server = startCli(['registry', 'serve', '-listen', '127.0.0.1:0', '-db', 'reg.db'], { cwd: dir });
    try {
      const url = await waitFor(() => /Registry listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(server.output())?.[1], { what: 'the registry to listen' });
      const created = await runCli(['registry', 'token', 'create', '-db', 'reg.db', '-scope', 'write'], { cwd: dir });
      expect(created.code, created.stderr).toBe(0);
      const token = created.stdout.trimEnd().split('\n').pop()!;
      expect(token).toMatch(/^tsbr_/);
      const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
      const res = await fetch(`${url}${API_PREFIX}/buckets`, { method: 'POST', headers, body: JSON.stringify({ name: 'app' }) });
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ bucket: { name: 'app', version_count: '0' } });
      expect((await fetch(`${url}${API_PREFIX}/buckets`)).status).toBe(401);
      server.kill('SIGTERM');
      const stopped = await server.exited;
      expect(stopped.code, stopped.stderr).toBe(0);
      expect(stopped.stdout).toContain('Registry stopped');
    } finally {
      server.kill();
    }
  });

  it('says what is wrong with a bad -listen, -scope or database, with exit code 1', async () => {
    const listen = await runCli(['registry', 'serve', '-listen', 'nowhere'], { cwd: dir });
    expect([listen.code, listen.stderr]).toEqual([1, 'invalid -listen "nowhere": expected HOST:PORT, such as 127.0.0.1:8080\n']);
    const scope = await runCli(['registry', 'token', 'create', '-db', 'reg2.db', '-scope', 'root'], { cwd: dir });
    expect([scope.code, scope.stderr]).toEqual([1, 'Error: scope must be one of read, write, admin; got "root"\n']);
    const db = await runCli(['registry', 'token', 'create', '-db', join(dir, 'missing', 'reg.db'), '-scope', 'read'], { cwd: dir });
    expect(db.code).toBe(1);
    expect(db.stderr).toMatch(/^Error: cannot open the registry database .*missing\/reg\.db: /);
  });

  it('loads no registry library for a null build; the registry commands load theirs', async () => {
    writeFileSync(join(dir, 'null.pkr.hcl'), 'source "null" "n" { communicator = "none" }\nbuild { sources = ["source.null.n"] }\n');
    const env = { NODE_OPTIONS: traceOptions };
    const built = await runCli(['build', '-color=false', 'null.pkr.hcl'], { cwd: dir, env });
    expect(built.code, built.stdout + built.stderr).toBe(0);
    expect(built.stderr).not.toMatch(REGISTRY_MODULES);
    const token = await runCli(['registry', 'token', 'create', '-db', 'trace.db', '-scope', 'read'], { cwd: dir, env });
    expect(token.code, token.stderr).toBe(0);
    expect(token.stderr).toMatch(/^loaded better-sqlite3$/m);
    expect(token.stderr).not.toMatch(/^loaded (pg|hono)$/m);
  });
});
