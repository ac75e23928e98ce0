// A SQLite database file through better-sqlite3, with its prepared statements kept: a lookup runs the same few
// queries every time, and preparing one costs about as much as running it.

import SqliteDatabase from 'better-sqlite3';
import { Kysely, SqliteDialect, type SqliteDatabase as KyselySqlite } from 'kysely';
import type { Database } from './schema.js';
import type { OpenedDatabase } from './store.js';

/** Statements kept, by SQL text (the least recently used goes first): queries with `in (...)` lists vary in length. */
const STATEMENTS_KEPT = 500;

/**
 * The database as Kysely uses it, preparing each SQL text once. Kysely runs one query at a time on its one SQLite
 * connection, so a kept statement is never in use twice at once.
 */
export function keepStatements(database: SqliteDatabase.Database, max = STATEMENTS_KEPT): KyselySqlite {
  const kept = new Map<string, SqliteDatabase.Statement>();
  return {
    close: () => database.close(),
    prepare(sql: string) {
      let statement = kept.get(sql);
      if (statement) kept.delete(sql);
      else {
        statement = database.prepare(sql);
        if (kept.size >= max) kept.delete(kept.keys().next().value!);
      }
      kept.set(sql, statement);
      return statement;
    },
  };
}

/**
 * The store's change mark on SQLite: the rows this connection changed so far (`total_changes()`, counted as each
 * statement runs) and `data_version`, which changes when another connection (another process) commits. Read on the
 * connection directly, outside Kysely's queue: a read during one of this connection's transactions counts that
 * transaction's statements already, and a rollback only makes the mark change without a change.
 */
export function changeMarkOf(database: SqliteDatabase.Database): () => Promise<string> {
  const changes = database.prepare('select total_changes()').pluck();
  const version = database.prepare('pragma data_version').pluck();
  return async () => `${changes.get()}:${version.get()}`;
}

export function openSqlite(path: string): OpenedDatabase {
  const database = new SqliteDatabase(path);
  // WAL: readers never wait for the writer; busy_timeout: a second process (token create) waits for the lock.
  database.pragma('journal_mode = WAL');
  // FULL: each commit reaches the disk before the server answers, so an acknowledged write survives a crash of the
  // machine too (NORMAL in WAL mode keeps it through a crash of the process only).
  database.pragma('synchronous = FULL');
  database.pragma('foreign_keys = ON');
  database.pragma('busy_timeout = 5000');
  return { db: new Kysely<Database>({ dialect: new SqliteDialect({ database: keepStatements(database) }) }), changeMark: changeMarkOf(database), warm: async () => {} };
}
