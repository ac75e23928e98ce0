// The ordered list of migrations, the same for SQLite and PostgreSQL. Kysely applies them by name order and records
// each in its own table; on PostgreSQL it holds a lock meanwhile, so that replicas starting together migrate once.

import type { Migration, MigrationProvider } from 'kysely';
import * as initial from './0001-initial.js';
import * as ancestryRevocation from './0002-ancestry-revocation.js';
import * as revokeAtIndex from './0003-revoke-at-index.js';
import * as changeCounter from './0004-change-counter.js';

const MIGRATIONS: Record<string, Migration> = {
  '0001-initial': initial,
  '0002-ancestry-revocation': ancestryRevocation,
  '0003-revoke-at-index': revokeAtIndex,
  '0004-change-counter': changeCounter,
};

export const migrationProvider: MigrationProvider = { getMigrations: async () => MIGRATIONS };
