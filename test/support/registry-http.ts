// The registry's app on a real loopback HTTP listener (registry/server/listen.ts) over a test store, with a token of
// each scope, a published bucket to act on, every write route the app has (from Hono's route list, so that a new
// route is covered without a test change), and a snapshot of every table to prove that a refused request changed
// nothing.

import type { ServerType } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { sql } from 'kysely';
import { createApp, createCaches } from '../../registry/server/app.js';
import { listenRegistry } from '../../registry/server/listen.js';
import { createBucket, createBuild, createChannel, createToken, createVersion, updateBuild, type Store } from '../../registry/store/index.js';
import type { StoreKind } from './registry-stores.js';

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** What the routes' parameters are filled with: objects that exist, so that only the refusal stops a change. */
export const FIXTURE = { bucket: 'app', fingerprint: 'fp1', channel: 'prod', org: 'default', project: 'default' };

export interface HttpRegistry {
  url: string;
  store: Store;
  tokens: { read: string; write: string; admin: string };
  buildId: string;
  /** Lines the app logged as internal errors (a 500). */
  logged: string[];
  /** Every route of the app that is not a read: `path` with its parameters filled in, `route` as the app names it. */
  writeRoutes: { method: string; path: string; route: string }[];
  stop(): Promise<void>;
}

export async function startHttpRegistry(kind: StoreKind): Promise<HttpRegistry> {
  const store = await kind.open();
  const logged: string[] = [];
  // As `registry serve`: channel lookups answered by the listener, over the app's caches.
  const caches = createCaches();
  const app = createApp({ store, caches, log: (line) => logged.push(line) });
  const tokens = {
    read: (await createToken(store, 'read', { author: 'test' })).token,
    write: (await createToken(store, 'write', { author: 'test' })).token,
    admin: (await createToken(store, 'admin', { author: 'test' })).token,
  };
  await createBucket(store, { name: FIXTURE.bucket }, 'test');
  await createVersion(store, FIXTURE.bucket, { fingerprint: FIXTURE.fingerprint }, 'test');
  const build = await createBuild(store, FIXTURE.bucket, FIXTURE.fingerprint, { component_type: 'docker.app' }, 'test');
  await updateBuild(store, FIXTURE.bucket, FIXTURE.fingerprint, build.id, { status: 'BUILD_DONE', artifacts: [{ external_identifier: 'sha256:one', region: 'docker' }] }, 'test');
  await createChannel(store, FIXTURE.bucket, { name: FIXTURE.channel, restricted: true, version_fingerprint: FIXTURE.fingerprint }, 'test');
  const params: Record<string, string> = { ...FIXTURE, build: build.id };
  const writeRoutes = app.routes
    .filter((r) => WRITE_METHODS.has(r.method))
    .map((r) => ({ method: r.method, route: r.path, path: r.path.replace(/:(\w+)/g, (_, name: string) => encodeURIComponent(params[name] ?? 'x')) }));
  const server: ServerType = await listenRegistry(app, '127.0.0.1', 0, { store, caches });
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    store,
    tokens,
    buildId: build.id,
    logged,
    writeRoutes,
    stop: () => new Promise<void>((closed) => server.close(() => closed())),
  };
}

const TABLES = ['buckets', 'versions', 'builds', 'artifacts', 'channels', 'channel_assignments', 'tokens'];

/** Every row of every table, in id order. */
export async function snapshotTables(store: Store): Promise<Record<string, unknown[]>> {
  const tables: Record<string, unknown[]> = {};
  for (const t of TABLES) tables[t] = (await sql.raw(`SELECT * FROM ${t} ORDER BY id`).execute(store.db)).rows;
  return tables;
}
