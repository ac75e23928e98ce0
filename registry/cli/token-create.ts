// `tsbuild registry token create`: the bootstrap of access. Writes a new token straight into the database (no server
// needed) and prints it alone on the last line of stdout; only its hash is kept.

import { userInfo } from 'node:os';
import type { TokenScope } from '../api/types.js';
import type { CliIO } from '../../src/cli/io.js';
import { openStore } from '../store/open-store.js';
import { createToken } from '../store/tokens.js';
import { resolveDb } from './resolve-db.js';

export async function tokenCreate(o: { db: string; scope: string; description?: string }, io: CliIO): Promise<number> {
  const store = await openStore(resolveDb(o.db, io.cwd));
  try {
    const { id, token } = await createToken(store, o.scope as TokenScope, { description: o.description, author: `cli:${userInfo().username}` });
    io.stdout.write(`Created ${o.scope} token ${id}. Keep it now: the registry stores only its hash.\n${token}\n`);
    return 0;
  } finally {
    await store.close();
  }
}
