// Ancestry per build (HCP records the parent version and the channel it was read from on each build) and whether a
// revocation rolls user channels back.

import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('builds').addColumn('parent_version_id', 'text', (c) => c.references('versions.id').onDelete('set null')).execute();
  await db.schema.alterTable('builds').addColumn('parent_channel_id', 'text', (c) => c.references('channels.id').onDelete('set null')).execute();
  await db.schema.createIndex('builds_parent').on('builds').column('parent_version_id').execute();
  // 1 unless the revocation was made with `disable_rollback_channels`; a descendant copies its ancestor's choice.
  await db.schema.alterTable('versions').addColumn('rollback_channels', 'integer', (c) => c.notNull().defaultTo(1)).execute();
}
