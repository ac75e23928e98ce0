// A real `tsbuild registry serve` for tests (SQLite in a temporary folder unless a database is given), with a write
// token, and `tsbuild build` of a folder of files against it.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { API_PREFIX } from '../../registry/api/types.js';
import { runCli, startCli, type CliResult, type RunningCli } from './cli.js';
import { waitFor } from './wait.js';

export interface TestRegistry {
  dir: string;
  url: string;
  token: string;
  /** A new token of that scope (`tsbuild registry token create`). */
  newToken(scope: 'read' | 'write' | 'admin'): Promise<string>;
  /** The database: a SQLite file path or a `postgres://` URL. */
  db: string;
  /** A request to the API (`path` under the organization's and project's prefix), with the write token. */
  api<T>(path: string, init?: { method: string; body: unknown }): Promise<{ status: number; body: T }>;
  /** Builds a folder of these files with the registry's address and token (and `env`). */
  build(files: Record<string, string>, env?: Record<string, string>, args?: string[]): Promise<CliResult & { project: string }>;
  stop(): void;
}

export interface ServeProcess {
  url: string;
  server: RunningCli;
}

/** Starts `tsbuild registry serve` in `dir` over `db` on a free loopback port; resolves once it listens. */
export async function serveRegistry(dir: string, db: string): Promise<ServeProcess> {
  const server = startCli(['registry', 'serve', '-listen', '127.0.0.1:0', '-db', db], { cwd: dir });
  let exited = false;
  void server.exited.then(() => (exited = true));
  const url = await waitFor(
    () => {
      const found = /Registry listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(server.output())?.[1];
      if (!found && exited) throw new Error(`tsbuild registry serve exited:\n${server.output()}`);
      return found;
    },
    { what: 'the registry to listen' },
  );
  return { url, server };
}

/** A new token of `scope` from `tsbuild registry token create`. */
export async function createRegistryToken(dir: string, db: string, scope: 'read' | 'write' | 'admin'): Promise<string> {
  const created = await runCli(['registry', 'token', 'create', '-db', db, '-scope', scope], { cwd: dir });
  expect(created.code, created.stderr).toBe(0);
  return created.stdout.trimEnd().split('\n').pop()!;
}

export async function startRegistry(prefix: string, o: { db?: string } = {}): Promise<TestRegistry> {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const db = o.db ?? 'reg.db';
  const { url, server } = await serveRegistry(dir, db);
  const token = await createRegistryToken(dir, db, 'write');
  return {
    dir,
    url,
    token,
    newToken: (scope) => createRegistryToken(dir, db, scope),
    db,
    async api<T>(path: string, init?: { method: string; body: unknown }) {
      const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
      const res = await fetch(`${url}${API_PREFIX}${path}`, { headers, ...(init ? { method: init.method, body: JSON.stringify(init.body) } : {}) });
      return { status: res.status, body: (await res.json()) as T };
    },
    async build(files, env = {}, args = []) {
      const project = mkdtempSync(join(dir, 'project-'));
      for (const [name, content] of Object.entries(files)) writeFileSync(join(project, name), content);
      const target = Object.keys(files)[0]!.endsWith('.json') ? Object.keys(files)[0]! : '.';
      const r = await runCli(['build', '-color=false', ...args, target], { cwd: project, env: { TSBUILD_REGISTRY_URL: url, TSBUILD_REGISTRY_TOKEN: token, ...env } });
      return { ...r, project };
    },
    stop() {
      server.kill();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
