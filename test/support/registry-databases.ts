// The two databases the registry runs on, for `describe.each`: a SQLite file in a temp folder and a database on a
// PostgreSQL server that one test file shares (started on first use, stopped by `stop`).

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startPostgres, type TestPostgres } from './postgres.js';

export interface DatabaseKind {
  name: 'sqlite' | 'postgres';
  /** A new, empty database: a SQLite file path or a `postgres://` URL. */
  create(): Promise<string>;
}

export function databaseKinds(): { kinds: DatabaseKind[]; stop(): Promise<void> } {
  let server: Promise<TestPostgres> | undefined;
  const dirs: string[] = [];
  let n = 0;
  const kinds: DatabaseKind[] = [
    {
      name: 'sqlite',
      create: async () => {
        const dir = mkdtempSync(join(tmpdir(), 'tsbuild-registry-'));
        dirs.push(dir);
        return join(dir, 'registry.db');
      },
    },
    {
      name: 'postgres',
      create: async () => {
        server ??= startPostgres();
        return (await server).createDatabase(`registry_${++n}`);
      },
    },
  ];
  return {
    kinds,
    async stop() {
      if (server) await (await server).stop();
      for (const d of dirs) rmSync(d, { recursive: true, force: true });
    },
  };
}
