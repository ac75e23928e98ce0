// PostgreSQL: a count of the commits that changed the registry's tables, the change mark that replicas' lookup caches
// read (postgres.ts). The server's snapshot served before, but it moves at every commit in the whole cluster (another
// application's database, autovacuum's ANALYZE), and each move emptied every replica's cache.
//
// The count lives in one row, bumped by a deferred constraint trigger on every table: it runs at commit, once per
// transaction, so the row is locked only from the commit's start to its end, and a transaction holding it waits for
// nothing else (no deadlock with row locks taken earlier). Writes made outside tsbuild (psql, a restore script) count
// too. SQLite needs none of this: its mark is the connection's own change count and `data_version` (sqlite.ts).

import { PostgresAdapter, sql, type Kysely } from 'kysely';

/** The tables whose changes lookups can see. */
const TABLES = ['buckets', 'versions', 'builds', 'artifacts', 'channels', 'channel_assignments', 'tokens'];

export async function up(db: Kysely<any>): Promise<void> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return;
  await sql`create table registry_changes (id integer primary key check (id = 1), count bigint not null)`.execute(db);
  await sql`insert into registry_changes (id, count) values (1, 0)`.execute(db);
  // The transaction-local setting makes the second and later rows of a transaction cost nothing.
  await sql`
    create function registry_count_change() returns trigger language plpgsql as $$
    begin
      if current_setting('tsbuild.change_counted', true) is distinct from 'yes' then
        perform set_config('tsbuild.change_counted', 'yes', true);
        update registry_changes set count = count + 1 where id = 1;
      end if;
      return null;
    end $$`.execute(db);
  for (const table of TABLES) {
    await sql`create constraint trigger ${sql.raw(`${table}_count_change`)} after insert or update or delete on ${sql.table(table)}
      deferrable initially deferred for each row execute function registry_count_change()`.execute(db);
    // TRUNCATE has no row triggers: a statement trigger counts it at once.
    await sql`create trigger ${sql.raw(`${table}_count_truncate`)} after truncate on ${sql.table(table)}
      for each statement execute function registry_count_change()`.execute(db);
  }
}
