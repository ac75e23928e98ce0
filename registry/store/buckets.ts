// Buckets: one per image name. Creating a bucket creates its managed `latest` channel in the same transaction.

import type { Kysely, Selectable } from 'kysely';
import type { Bucket, Labels, Page, PageRequest } from '../api/types.js';
import { servedVersionIds } from './channel-version.js';
import { pageBounds, toPage } from './page.js';
import { readVersions } from './read-versions.js';
import type { BucketsTable, Database } from './schema.js';
import { isUniqueViolation, notFound, parseJson, StoreError, type Store } from './store.js';
import { checkLabels, checkString } from './validate.js';

export const LATEST_CHANNEL = 'latest';
const BUCKET_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

export interface BucketInput {
  name: string;
  description?: string;
  labels?: Labels;
}

export async function findBucketRow(db: Kysely<Database>, name: string): Promise<Selectable<BucketsTable>> {
  const row = await db.selectFrom('buckets').selectAll().where('name', '=', name).executeTakeFirst();
  if (!row) throw notFound(`bucket ${JSON.stringify(name)}`);
  return row;
}

async function toBuckets(store: Store, rows: Selectable<BucketsTable>[]): Promise<Bucket[]> {
  if (rows.length === 0) return [];
  const now = store.now();
  const channels = await store.db
    .selectFrom('channels')
    .selectAll()
    .where('name', '=', LATEST_CHANNEL)
    .where(
      'bucket_id',
      'in',
      rows.map((r) => r.id),
    )
    .execute();
  const ids = [...(await servedVersionIds(store.db, channels, now)).values()].filter((id): id is string => id !== null);
  const latest = ids.length === 0 ? [] : await store.db.selectFrom('versions').selectAll().where('id', 'in', ids).execute();
  const versions = new Map((await readVersions(store.db, latest, now)).map((v, i) => [latest[i]!.bucket_id, v]));
  return rows.map((r) => {
    const latestVersion = versions.get(r.id);
    const b: Bucket = {
      id: r.id,
      name: r.name,
      description: r.description,
      labels: parseJson<Labels>(r.labels),
      platforms: [...new Set((latestVersion?.builds ?? []).map((x) => x.platform).filter((p) => p !== ''))].sort(),
      version_count: String(r.version_count),
      created_at: r.created_at,
      updated_at: r.updated_at,
    };
    if (latestVersion) b.latest_version = latestVersion;
    return b;
  });
}

export async function createBucket(store: Store, input: BucketInput, author: string): Promise<Bucket> {
  if (typeof input.name !== 'string' || !BUCKET_NAME.test(input.name)) throw new StoreError('invalid', `bucket name must be 1 to 64 letters, digits, dots, dashes or underscores, starting with a letter or digit; got ${JSON.stringify(input.name)}`);
  checkString(input.description, 'description');
  checkLabels(input.labels);
  const now = store.now();
  const id = store.newId();
  try {
    await store.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('buckets')
        .values({ id, name: input.name, description: input.description ?? '', labels: JSON.stringify(input.labels ?? {}), version_count: 0, author_id: author, created_at: now, updated_at: now })
        .execute();
      await trx
        .insertInto('channels')
        .values({ id: store.newId(), bucket_id: id, name: LATEST_CHANNEL, restricted: 0, managed: 1, version_id: null, author_id: author, created_at: now, updated_at: now })
        .execute();
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw new StoreError('conflict', `bucket ${JSON.stringify(input.name)} already exists`);
    throw e;
  }
  return getBucket(store, input.name);
}

export async function getBucket(store: Store, name: string): Promise<Bucket> {
  return (await toBuckets(store, [await findBucketRow(store.db, name)]))[0]!;
}

export async function listBuckets(store: Store, req?: PageRequest): Promise<Page<Bucket>> {
  const bounds = pageBounds(req);
  const rows = await store.db
    .selectFrom('buckets')
    .selectAll()
    .$if(bounds.after !== undefined, (q) => q.where('id', '>', bounds.after!))
    .orderBy('id')
    .limit(bounds.limit)
    .execute();
  return toPage(rows, bounds, (kept) => toBuckets(store, kept));
}

export async function updateBucket(store: Store, name: string, input: Omit<BucketInput, 'name'>, author: string): Promise<Bucket> {
  checkString(input.description, 'description');
  checkLabels(input.labels);
  const changes: Partial<BucketsTable> = { updated_at: store.now(), author_id: author };
  if (input.description !== undefined) changes.description = input.description;
  if (input.labels !== undefined) changes.labels = JSON.stringify(input.labels);
  const r = await store.db.updateTable('buckets').set(changes).where('name', '=', name).executeTakeFirst();
  if (Number(r.numUpdatedRows) === 0) throw notFound(`bucket ${JSON.stringify(name)}`);
  return getBucket(store, name);
}

/** Deletes the bucket with its versions, builds, artifacts and channels. */
export async function deleteBucket(store: Store, name: string): Promise<void> {
  const r = await store.db.deleteFrom('buckets').where('name', '=', name).executeTakeFirst();
  if (Number(r.numDeletedRows) === 0) throw notFound(`bucket ${JSON.stringify(name)}`);
}
