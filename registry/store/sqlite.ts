// A SQLite database file through better-sqlite3.

import SqliteDatabase from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import type { Database } from './schema.js';

export function openSqlite(path: string): Kysely<Database> {
  const database = new SqliteDatabase(path);
  // WAL: readers never wait for the writer; busy_timeout: a second process (token create) waits for the lock.
  database.pragma('journal_mode = WAL');
  // FULL: each commit reaches the disk before the server answers, so an acknowledged write survives a crash of the
  // machine too (NORMAL in WAL mode keeps it through a crash of the process only).
  database.pragma('synchronous = FULL');
  database.pragma('foreign_keys = ON');
  database.pragma('busy_timeout = 5000');
  return new Kysely<Database>({ dialect: new SqliteDialect({ database }) });
}
