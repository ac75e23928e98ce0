// Opens the registry database named by a SQLite file path or a `postgres://` / `postgresql://` URL, brings its schema
// up to date, and returns it as a Store. Only the chosen database's driver is loaded.

import { Migrator } from 'kysely';
import { monotonicFactory } from 'ulid';
import { migrationProvider } from './migrations/index.js';
import { StoreError, type Dialect, type Store } from './store.js';

export function isPostgresUrl(target: string): boolean {
  return /^postgres(ql)?:\/\//i.test(target);
}

export async function openStore(target: string): Promise<Store> {
  const dialect: Dialect = isPostgresUrl(target) ? 'postgres' : 'sqlite';
  // Each driver in a module of its own, imported here: the other database's driver never loads.
  const where = dialect === 'postgres' ? redactUrl(target) : target;
  let opened;
  try {
    opened = dialect === 'postgres' ? (await import('./postgres.js')).openPostgres(target, where) : (await import('./sqlite.js')).openSqlite(target);
  } catch (e) {
    throw Object.assign(new StoreError('unavailable', `cannot open the registry database ${where}: ${(e as Error).message}`), { cause: e });
  }
  const { db, changeMark, warm } = opened;
  const { error } = await new Migrator({ db, provider: migrationProvider }).migrateToLatest();
  if (error) {
    await db.destroy();
    throw Object.assign(new StoreError('unavailable', `cannot bring the registry database ${where} up to date: ${(error as Error).message ?? String(error)}`), { cause: error });
  }
  const ulid = monotonicFactory();
  return {
    db,
    dialect,
    newId: () => ulid(),
    now: () => new Date().toISOString(),
    changeMark,
    warm,
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
