// `tsbuild registry serve`: the registry's HTTP API on HOST:PORT over a SQLite file or a PostgreSQL database, until
// SIGINT or SIGTERM, which close the listener and the database.

import type { ServerType } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import type { CliIO } from '../../src/cli/io.js';
import { createApp, createCaches } from '../server/app.js';
import { listenRegistry } from '../server/listen.js';
import { isPostgresUrl, openStore, redactUrl } from '../store/open-store.js';
import { resolveDb } from './resolve-db.js';

export interface ServeOptions {
  listen: string;
  db: string;
}

/** `HOST:PORT` or `[IPv6]:PORT`; a message for anything else. */
export function parseListen(text: string): { host: string; port: number } | string {
  const m = /^(?:\[([0-9a-fA-F:.]+)\]|([^:[\]]+)):(\d{1,5})$/.exec(text);
  const port = m ? Number(m[3]) : NaN;
  if (!m || port > 65535) return `invalid -listen ${JSON.stringify(text)}: expected HOST:PORT, such as 127.0.0.1:8080`;
  return { host: m[1] ?? m[2]!, port };
}

export async function serve(o: ServeOptions, io: CliIO): Promise<number> {
  const listen = parseListen(o.listen);
  if (typeof listen === 'string') {
    io.stderr.write(`${listen}\n`);
    return 1;
  }
  const target = resolveDb(o.db, io.cwd);
  const store = await openStore(target);
  try {
    await store.warm();
  } catch (e) {
    await store.close();
    throw e;
  }
  const caches = createCaches();
  const app = createApp({ store, caches, log: (line) => io.stderr.write(`${line}\n`) });
  let server: ServerType;
  try {
    server = await listenRegistry(app, listen.host, listen.port, { store, caches });
  } catch (e) {
    await store.close();
    io.stderr.write(`Error: cannot listen on ${o.listen}: ${(e as Error).message}\n`);
    return 1;
  }
  const { address, port } = server.address() as AddressInfo;
  const shown = address.includes(':') ? `[${address}]` : address;
  io.stdout.write(`Registry listening on http://${shown}:${port} (database: ${isPostgresUrl(target) ? redactUrl(target) : target})\n`);
  const signals = io.signals ?? process;
  await new Promise<void>((stop) => {
    const onSignal = () => {
      signals.off('SIGINT', onSignal);
      signals.off('SIGTERM', onSignal);
      stop();
    };
    signals.on('SIGINT', onSignal);
    signals.on('SIGTERM', onSignal);
  });
  await new Promise<void>((closed) => server.close(() => closed()));
  await store.close();
  io.stdout.write('Registry stopped\n');
  return 0;
}
