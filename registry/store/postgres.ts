// A PostgreSQL database through a pg connection pool, with reads as named prepared statements: the server parses and
// plans a lookup's queries once per connection instead of at every request.

import { createHash } from 'node:crypto';
import { Kysely, PostgresDialect, type PostgresPool, type PostgresPoolClient } from 'kysely';
import pg from 'pg';
import type { Database } from './schema.js';
import { StoreError, type OpenedDatabase } from './store.js';

/** At most this many SQL texts are named (each connection keeps each one it ran): `in (...)` lists vary in length. */
const NAMED_MAX = 500;

/** SQLSTATE 0A000: "cached plan must not change result type", a named `select *` prepared before a migration. */
const STALE_PLAN = '0A000';

/**
 * The pool as Kysely uses it, running each SELECT as a named prepared statement (name from the SQL text). Writes and
 * transaction control run unnamed. A statement whose plan a schema change made stale runs unnamed from then on.
 */
export function nameStatements(pool: pg.Pool, max = NAMED_MAX): PostgresPool {
  const names = new Map<string, string | null>();
  const nameOf = (sql: string): string | null => {
    const known = names.get(sql);
    if (known !== undefined) return known;
    if (names.size >= max) return null;
    const name = /^select\s/i.test(sql) ? `tsb_${createHash('sha1').update(sql).digest('hex').slice(0, 24)}` : null;
    names.set(sql, name);
    return name;
  };
  const wrapped = new WeakMap<pg.PoolClient, PostgresPoolClient>();
  const wrap = (client: pg.PoolClient): PostgresPoolClient => ({
    query: ((sqlOrCursor: unknown, values?: unknown[]) => {
      if (typeof sqlOrCursor !== 'string') return client.query(sqlOrCursor as never);
      const name = nameOf(sqlOrCursor);
      if (!name) return client.query(sqlOrCursor, values);
      return client.query({ name, text: sqlOrCursor, values }).catch((e: { code?: string }) => {
        if (e?.code !== STALE_PLAN) throw e;
        names.set(sqlOrCursor, null);
        return client.query(sqlOrCursor, values);
      });
    }) as unknown as PostgresPoolClient['query'],
    release: (destroy?: boolean) => client.release(destroy),
  });
  return {
    async connect() {
      const client = await pool.connect();
      let w = wrapped.get(client);
      if (!w) wrapped.set(client, (w = wrap(client)));
      return w;
    },
    end: () => pool.end(),
  };
}

/**
 * The store's change mark on PostgreSQL: the count of commits that changed the registry's tables, kept in one row by
 * triggers (migration 0004), the same for every connection and replica. It is committed with the change it counts, so
 * a lookup that read it before its queries sees at least the changes it counts. Commits elsewhere in the cluster
 * (another database, autovacuum) leave it alone.
 */
export function changeMarkOf(pool: pg.Pool): () => Promise<string> {
  const query = { name: 'tsb_change_mark', text: 'select count from registry_changes where id = 1', rowMode: 'array' as const };
  return shareReads(async () => String((await pool.query(query)).rows[0]![0]));
}

/**
 * `read`, shared by the callers that arrive while one is under way: they wait for one more read, sent once that one
 * ends, and all take its value. A caller never takes a value read before it called (a read sent earlier may predate a
 * commit that the caller has seen acknowledged), and at most two reads are under way or waiting at once, however many
 * lookups arrive together (after a stall, a queue of lookups costs two queries, not one each).
 */
export function shareReads<T>(read: () => Promise<T>): () => Promise<T> {
  let running: Promise<T> | undefined;
  let next: Promise<T> | undefined;
  const start = (): Promise<T> => {
    const p: Promise<T> = read().finally(() => {
      if (running === p) running = undefined;
    });
    running = p;
    return p;
  };
  return () => {
    if (!running) return start();
    next ??= running.then(
      () => undefined,
      () => undefined,
    ).then(() => {
      next = undefined;
      return start();
    });
    return next;
  };
}

/** Connections per process. */
const POOL_SIZE = 10;

export function openPostgres(url: string, where: string): OpenedDatabase {
  // min: connections once opened stay open (a new one costs a backend process and its cold caches at a busy moment).
  const pool = new pg.Pool({ connectionString: url, max: POOL_SIZE, min: POOL_SIZE });
  // An idle client whose server went away must not crash the process: the next query reports the error.
  pool.on('error', () => {});
  return {
    db: new Kysely<Database>({ dialect: new PostgresDialect({ pool: nameStatements(pool) }) }),
    changeMark: changeMarkOf(pool),
    warm: () =>
      warmPool(pool, POOL_SIZE).catch((e: Error) => {
        throw Object.assign(new StoreError('unavailable', `cannot connect to the registry database ${where}: ${e.message}`), { cause: e });
      }),
  };
}

/**
 * Opens `size` connections at once, each answering one query, and gives them back to the pool. When one fails, the
 * others are given back too, and the first failure goes up.
 */
export async function warmPool(pool: pg.Pool, size: number): Promise<void> {
  const opened = await Promise.allSettled(Array.from({ length: size }, () => pool.connect()));
  const clients = opened.flatMap((o) => (o.status === 'fulfilled' ? [o.value] : []));
  try {
    const failed = opened.find((o): o is PromiseRejectedResult => o.status === 'rejected');
    if (failed) throw failed.reason;
    await Promise.all(clients.map((c) => c.query('select 1')));
  } finally {
    for (const c of clients) c.release();
  }
}
