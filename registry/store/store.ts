// What every store operation works on: the database, a clock and an id source, so that tests can drive both.

import type { Kysely } from 'kysely';
import type { Database } from './schema.js';

export type Dialect = 'sqlite' | 'postgres';

export interface Store {
  db: Kysely<Database>;
  dialect: Dialect;
  /** A ULID, increasing within this process. */
  newId(): string;
  /** Now, as an RFC 3339 string. */
  now(): string;
  /**
   * A value that changes whenever a change to the database is committed, by this process or any other (another
   * replica, `tsbuild registry token create`): two equal values mean that nothing was committed between the two reads.
   * Cheap (SQLite: two pragmas on the connection; PostgreSQL: one row), for caches that must see every write.
   */
  changeMark(): Promise<string>;
  /**
   * Opens every connection the server will use now, so that the first busy moment does not wait for new database
   * sessions (PostgreSQL: a backend process each, with cold caches); nothing to do on SQLite.
   */
  warm(): Promise<void>;
  close(): Promise<void>;
}

/** What a database driver module gives the store (sqlite.ts, postgres.ts). */
export type OpenedDatabase = Pick<Store, 'db' | 'changeMark' | 'warm'>;

/** Store failures a caller can act on; the server maps `kind` to an HTTP status. */
export class StoreError extends Error {
  constructor(
    /** `unavailable`: the database cannot be opened or migrated. */
    readonly kind: 'not_found' | 'conflict' | 'invalid' | 'unavailable',
    message: string,
  ) {
    super(message);
    this.name = 'StoreError';
  }
}

export function notFound(what: string): StoreError {
  return new StoreError('not_found', `${what} not found`);
}

/** Whether `e` is a unique-constraint violation, as either database reports it. */
export function isUniqueViolation(e: unknown): boolean {
  const err = e as { code?: string };
  return err?.code === '23505' || err?.code === 'SQLITE_CONSTRAINT_UNIQUE' || err?.code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

/** Whether `e` is a foreign-key violation: a row referred to (a bucket, version or channel) was deleted meanwhile. */
export function isForeignKeyViolation(e: unknown): boolean {
  const err = e as { code?: string };
  return err?.code === '23503' || err?.code === 'SQLITE_CONSTRAINT_FOREIGNKEY';
}

export function parseJson<T>(text: string): T {
  return JSON.parse(text) as T;
}
