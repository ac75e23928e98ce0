// Opens the registry database named by a SQLite file path or a `postgres://` / `postgresql://` URL, brings its schema
// up to date, and returns it as a Store. Only the chosen database's driver is loaded.

import { Kysely, Migrator, PostgresDialect, SqliteDialect } from 'kysely';
import { monotonicFactory } from 'ulid';
import { migrationProvider } from './migrations/index.js';
import type { Database } from './schema.js';
import type { Dialect, Store } from './store.js';

export function isPostgresUrl(target: string): boolean {
  return /^postgres(ql)?:\/\//i.test(target);
}

async function openSqlite(path: string): Promise<Kysely<Database>> {
  const { default: SqliteDatabase } = await import('better-sqlite3');
  const database = new SqliteDatabase(path);
  // WAL: readers never wait for the writer; busy_timeout: a second process (token create) waits for the lock.
  database.pragma('journal_mode = WAL');
  database.pragma('synchronous = NORMAL');
  database.pragma('foreign_keys = ON');
  database.pragma('busy_timeout = 5000');
  return new Kysely<Database>({ dialect: new SqliteDialect({ database }) });
}

async function openPostgres(url: string): Promise<Kysely<Database>> {
  const { default: pg } = await import('pg');
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  // An idle client whose server went away must not crash the process: the next query reports the error.
  pool.on('error', () => {});
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}

export async function openStore(target: string): Promise<Store> {
  const dialect: Dialect = isPostgresUrl(target) ? 'postgres' : 'sqlite';
  const db = dialect === 'postgres' ? await openPostgres(target) : await openSqlite(target);
  const { error } = await new Migrator({ db, provider: migrationProvider }).migrateToLatest();
  if (error) {
    await db.destroy();
    throw new Error(`Cannot bring the registry database ${dialect === 'postgres' ? 'at ' + redactUrl(target) : target} up to date: ${(error as Error).message ?? String(error)}`, { cause: error });
  }
  const ulid = monotonicFactory();
  return {
    db,
    dialect,
    newId: () => ulid(),
    now: () => new Date().toISOString(),
    close: () => db.destroy(),
  };
}

/** The URL without its password, for messages. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '<invalid URL>';
  }
}
