// `tsbuild registry ...`: the registry's commands. Their code (and the database drivers, the HTTP server) loads only
// when one of them runs, so that other commands start as fast as before.

import type { Command } from 'commander';
import type { CliIO } from '../io.js';
import { addRegistryClientCommands } from './registry-client.js';

/** Runs a registry command, turning the store's failures (a database that cannot be opened, a bad value) into a message. */
async function run(io: CliIO, command: () => Promise<number>): Promise<number> {
  try {
    return await command();
  } catch (e) {
    const err = e as Error;
    if (err.name === 'StoreError') {
      io.stderr.write(`Error: ${err.message}\n`);
      return 1;
    }
    throw e;
  }
}

export function addRegistryCommands(program: Command, io: CliIO, setCode: (code: number) => void): void {
  const registry = program.command('registry').description('run and manage an image metadata registry (a self-hosted HCP Packer)');
  registry
    .command('serve')
    .description('serve the registry API')
    .option('--listen <host:port>', 'address to listen on', '127.0.0.1:8080')
    .option('--db <path-or-url>', 'SQLite file, or postgres:// URL', 'registry.db')
    .action(async (o: { listen: string; db: string }) => {
      const { serve } = await import('../../../registry/cli/serve.js');
      setCode(await run(io, () => serve(o, io)));
    });
  const token = registry.command('token').description('manage API tokens');
  token
    .command('create')
    .description('create a token and print it on the last line')
    .option('--db <path-or-url>', 'SQLite file, or postgres:// URL', 'registry.db')
    .requiredOption('--scope <scope>', 'read, write or admin')
    .option('--description <text>', 'what the token is for')
    .action(async (o: { db: string; scope: string; description?: string }) => {
      const { tokenCreate } = await import('../../../registry/cli/token-create.js');
      setCode(await run(io, () => tokenCreate(o, io)));
    });
  const tokens = () => import('../../../registry/cli/tokens.js');
  token
    .command('list')
    .description('list the tokens, without their secrets (an admin token in TSBUILD_REGISTRY_TOKEN)')
    .option('--json', 'print the tokens as JSON')
    .action(async (o: { json?: boolean }) => setCode(await (await tokens()).listTokens(o, io)));
  token
    .command('revoke')
    .description('revoke a token by its id (an admin token in TSBUILD_REGISTRY_TOKEN)')
    .argument('<id>')
    .option('--json', 'print the result as JSON')
    .action(async (id: string, o: { json?: boolean }) => setCode(await (await tokens()).revokeToken(id, o, io)));
  addRegistryClientCommands(registry, io, setCode);
}
