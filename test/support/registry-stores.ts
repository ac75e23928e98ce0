// The two databases the registry runs on, for `describe.each`: a SQLite file in a temp folder and a database on a
// PostgreSQL server that one test file shares (started on first use, stopped by `stopStores`).

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore, type Store } from '../../registry/store/index.js';
import { startPostgres, type TestPostgres } from './postgres.js';

export interface StoreKind {
  name: 'sqlite' | 'postgres';
  /** A new, empty, migrated store. */
  open(): Promise<Store>;
}

export function storeKinds(): { kinds: StoreKind[]; stopStores(): Promise<void> } {
  let server: Promise<TestPostgres> | undefined;
  const dirs: string[] = [];
  const opened: Store[] = [];
  let n = 0;
  const track = async (s: Promise<Store>) => {
    const store = await s;
    opened.push(store);
    return store;
  };
  const kinds: StoreKind[] = [
    {
      name: 'sqlite',
      open: () => {
        const dir = mkdtempSync(join(tmpdir(), 'tsbuild-registry-'));
        dirs.push(dir);
        return track(openStore(join(dir, 'registry.db')));
      },
    },
    {
      name: 'postgres',
      open: async () => {
        server ??= startPostgres();
        const url = await (await server).createDatabase(`registry_${++n}`);
        return track(openStore(url));
      },
    },
  ];
  return {
    kinds,
    async stopStores() {
      await Promise.all(opened.map((s) => s.close()));
      if (server) await (await server).stop();
      for (const d of dirs) rmSync(d, { recursive: true, force: true });
    },
  };
}
