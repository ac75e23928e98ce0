// The first schema. Migrations are append-only: a released one is never edited; a change is a new file.

import type { Kysely } from 'kysely';

// Kysely's schema builder for a migration is untyped on purpose: it runs before the tables match `Database`.
export async function up(db: Kysely<any>): Promise<void> {
  const text = (t: string) => db.schema.createTable(t).addColumn('id', 'text', (c) => c.primaryKey());
  await text('buckets')
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('labels', 'text', (c) => c.notNull())
    .addColumn('version_count', 'integer', (c) => c.notNull())
    .addColumn('author_id', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await text('versions')
    .addColumn('bucket_id', 'text', (c) => c.notNull().references('buckets.id').onDelete('cascade'))
    .addColumn('fingerprint', 'text', (c) => c.notNull())
    .addColumn('number', 'integer')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('author_id', 'text', (c) => c.notNull())
    .addColumn('parent_version_id', 'text', (c) => c.references('versions.id').onDelete('set null'))
    .addColumn('revoke_at', 'text')
    .addColumn('revocation_message', 'text')
    .addColumn('revocation_author', 'text')
    .addColumn('revocation_inherited_from', 'text', (c) => c.references('versions.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('versions_bucket_fingerprint', ['bucket_id', 'fingerprint'])
    .addUniqueConstraint('versions_bucket_number', ['bucket_id', 'number'])
    .execute();
  await db.schema.createIndex('versions_parent').on('versions').column('parent_version_id').execute();
  await text('builds')
    .addColumn('version_id', 'text', (c) => c.notNull().references('versions.id').onDelete('cascade'))
    .addColumn('component_type', 'text', (c) => c.notNull())
    .addColumn('platform', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('labels', 'text', (c) => c.notNull())
    .addColumn('packer_run_uuid', 'text', (c) => c.notNull())
    .addColumn('source_external_identifier', 'text', (c) => c.notNull())
    .addColumn('metadata', 'text', (c) => c.notNull())
    .addColumn('author_id', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('builds_version_component', ['version_id', 'component_type'])
    .execute();
  await text('artifacts')
    .addColumn('build_id', 'text', (c) => c.notNull().references('builds.id').onDelete('cascade'))
    .addColumn('external_identifier', 'text', (c) => c.notNull())
    .addColumn('region', 'text', (c) => c.notNull())
    .addColumn('labels', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('artifacts_build').on('artifacts').column('build_id').execute();
  await db.schema.createIndex('artifacts_external_identifier').on('artifacts').column('external_identifier').execute();
  await text('channels')
    .addColumn('bucket_id', 'text', (c) => c.notNull().references('buckets.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('restricted', 'integer', (c) => c.notNull())
    .addColumn('managed', 'integer', (c) => c.notNull())
    .addColumn('version_id', 'text', (c) => c.references('versions.id').onDelete('set null'))
    .addColumn('author_id', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('channels_bucket_name', ['bucket_id', 'name'])
    .execute();
  await text('channel_assignments')
    .addColumn('channel_id', 'text', (c) => c.notNull().references('channels.id').onDelete('cascade'))
    .addColumn('version_id', 'text', (c) => c.references('versions.id').onDelete('set null'))
    .addColumn('author_id', 'text', (c) => c.notNull())
    .addColumn('assigned_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('channel_assignments_channel').on('channel_assignments').column('channel_id').execute();
  await text('tokens')
    .addColumn('hash', 'text', (c) => c.notNull().unique())
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('author_id', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
}
