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
  registry
    .command('token')
    .description('manage API tokens')
    .command('create')
    .description('create a token and print it on the last line')
    .option('--db <path-or-url>', 'SQLite file, or postgres:// URL', 'registry.db')
    .requiredOption('--scope <scope>', 'read, write or admin')
    .option('--description <text>', 'what the token is for')
    .action(async (o: { db: string; scope: string; description?: string }) => {
      const { tokenCreate } = await import('../../../registry/cli/token-create.js');
      setCode(await run(io, () => tokenCreate(o, io)));
    });
  addRegistryClientCommands(registry, io, setCode);
}
