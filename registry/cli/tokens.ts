// `tsbuild registry token list | revoke ID`: token management through the running registry with an admin token
// (TSBUILD_REGISTRY_URL, TSBUILD_REGISTRY_TOKEN), as the other management commands. Through the server rather than
// the database: the server that revokes a token forgets it from its cache at once (other replicas within seconds), and
// an admin needs no database credentials. `token create -db` stays the bootstrap: it works before any token exists.

import type { CliIO } from '../../src/cli/io.js';
import { print, withClient, type OutputOptions } from './client-command.js';
import { formatTable } from './table.js';

export function listTokens(o: OutputOptions, io: CliIO): Promise<number> {
  return withClient(io, async (client) => {
    const tokens = await client.listTokens();
    print(io, o, tokens, () => formatTable(['ID', 'SCOPE', 'CREATED', 'AUTHOR', 'DESCRIPTION'], tokens.map((t) => [t.id, t.scope, t.created_at, t.author_id, t.description])));
  });
}

export function revokeToken(id: string, o: OutputOptions, io: CliIO): Promise<number> {
  return withClient(io, async (client) => {
    await client.revokeToken(id);
    print(io, o, { id, revoked: true }, () => `Token ${id} revoked.\n`);
  });
}
