// Versions: one per fingerprint in a bucket. A version is `v0` until all its builds are done; it then takes the
// bucket's next number (v1, v2... in order of completion) and the `latest` channel points at it.

import type { Kysely } from 'kysely';
import type { Page, PageRequest, Version } from '../api/types.js';
import { recordAssignment } from './assignments.js';
import { findBucketRow, LATEST_CHANNEL } from './buckets.js';
import { pageBounds, toPage } from './page.js';
import { readVersions, type VersionRow } from './read-versions.js';
import type { Database } from './schema.js';
import { isUniqueViolation, notFound, StoreError, type Store } from './store.js';
import { checkKeyLength, checkString } from './validate.js';

export interface VersionInput {
  fingerprint: string;
  /** The id of the version this one was built from (ancestry). */
  parent_version_id?: string;
}

export async function findVersionRow(db: Kysely<Database>, bucketName: string, fingerprint: string): Promise<VersionRow> {
  const bucket = await findBucketRow(db, bucketName);
  const row = await db.selectFrom('versions').selectAll().where('bucket_id', '=', bucket.id).where('fingerprint', '=', fingerprint).executeTakeFirst();
  if (!row) throw notFound(`version with fingerprint ${JSON.stringify(fingerprint)} in bucket ${JSON.stringify(bucketName)}`);
  return row;
}

export async function createVersion(store: Store, bucketName: string, input: VersionInput, author: string): Promise<Version> {
  checkString(input.fingerprint, 'fingerprint');
  checkKeyLength(input.fingerprint, 'fingerprint');
  checkString(input.parent_version_id, 'parent_version_id');
  if (!input.fingerprint) throw new StoreError('invalid', 'fingerprint is required');
  const bucket = await findBucketRow(store.db, bucketName);
  if (input.parent_version_id) {
    const parent = await store.db.selectFrom('versions').select('id').where('id', '=', input.parent_version_id).executeTakeFirst();
    if (!parent) throw notFound(`parent version ${JSON.stringify(input.parent_version_id)}`);
  }
  const now = store.now();
  try {
    await store.db
      .insertInto('versions')
      .values({
        id: store.newId(),
        bucket_id: bucket.id,
        fingerprint: input.fingerprint,
        number: null,
        status: 'VERSION_RUNNING',
        author_id: author,
        parent_version_id: input.parent_version_id ?? null,
        revoke_at: null,
        revocation_message: null,
        revocation_author: null,
        revocation_inherited_from: null,
        rollback_channels: 1,
        created_at: now,
        updated_at: now,
      })
      .execute();
  } catch (e) {
    if (isUniqueViolation(e)) throw new StoreError('conflict', `bucket ${JSON.stringify(bucketName)} already has a version with fingerprint ${JSON.stringify(input.fingerprint)}`);
    throw e;
  }
  return getVersion(store, bucketName, input.fingerprint);
}

export async function getVersion(store: Store, bucketName: string, fingerprint: string): Promise<Version> {
  return (await readVersions(store.db, [await findVersionRow(store.db, bucketName, fingerprint)], store.now()))[0]!;
}

/** Newest first, as HCP lists them. */
export async function listVersions(store: Store, bucketName: string, req?: PageRequest): Promise<Page<Version>> {
  const bucket = await findBucketRow(store.db, bucketName);
  const bounds = pageBounds(req);
  const rows = await store.db
    .selectFrom('versions')
    .selectAll()
    .where('bucket_id', '=', bucket.id)
    .$if(bounds.after !== undefined, (q) => q.where('id', '<', bounds.after!))
    .orderBy('id', 'desc')
    .limit(bounds.limit)
    .execute();
  return toPage(rows, bounds, (kept) => readVersions(store.db, kept, store.now()));
}

/**
 * Completes a version inside the caller's transaction, which must hold the version's row lock (see updateBuild):
 * numbers it from the bucket's counter and points `latest` at it. The counter is read and raised by one UPDATE, which
 * PostgreSQL serializes per bucket and SQLite per database, so concurrent completions get distinct numbers with no
 * gap; a completion that rolls back gives its number back. Does nothing for a version already complete.
 */
export async function completeVersion(store: Store, trx: Kysely<Database>, versionId: string, author: string): Promise<void> {
  const now = store.now();
  const version = await trx.selectFrom('versions').select(['bucket_id', 'number']).where('id', '=', versionId).executeTakeFirstOrThrow();
  if (version.number !== null) return;
  const { version_count } = await trx
    .updateTable('buckets')
    .set((eb) => ({ version_count: eb('version_count', '+', 1), updated_at: now }))
    .where('id', '=', version.bucket_id)
    .returning('version_count')
    .executeTakeFirstOrThrow();
  await trx.updateTable('versions').set({ number: version_count, status: 'VERSION_ACTIVE', updated_at: now }).where('id', '=', versionId).execute();
  const latest = await trx
    .updateTable('channels')
    .set({ version_id: versionId, author_id: author, updated_at: now })
    .where('bucket_id', '=', version.bucket_id)
    .where('name', '=', LATEST_CHANNEL)
    .returning('id')
    .executeTakeFirstOrThrow();
  await recordAssignment(store, trx, { channelId: latest.id, versionId, author, at: now });
}
