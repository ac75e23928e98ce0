// Channels: named pointers to a complete version of a bucket, with the history of their assignments; the version a
// channel serves is worked out when it is read (channel-version.ts: rollback from revoked versions). `latest` is
// managed by the registry (completion assigns it) and cannot be changed or deleted; restricted channels are for
// write and admin tokens only (the server enforces who sees them).

import type { Kysely, Selectable } from 'kysely';
import type { Channel, ChannelAssignment, Page, PageRequest } from '../api/types.js';
import { recordAssignment } from './assignments.js';
import { findBucketRow, LATEST_CHANNEL } from './buckets.js';
import { isRevoked, servedVersionIds } from './channel-version.js';
import { pageBounds, toPage } from './page.js';
import { readVersions, type VersionRow } from './read-versions.js';
import type { ChannelsTable, Database } from './schema.js';
import { isUniqueViolation, notFound, StoreError, type Store } from './store.js';
import { checkString } from './validate.js';
import { findVersionRow } from './versions.js';

const CHANNEL_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]{0,35}$/;

export interface ChannelInput {
  name: string;
  restricted?: boolean;
  /** The version to assign; empty or absent for none. */
  version_fingerprint?: string;
}

export type ChannelUpdate = Partial<Omit<ChannelInput, 'name'>>;

/**
 * The wire's channels of one bucket's rows: the versions they point at are read once (`read`: those already read),
 * with what they need to roll back.
 */
async function toChannels(store: Store, bucketName: string, rows: Selectable<ChannelsTable>[], read = new Map<string, VersionRow>()): Promise<Channel[]> {
  const now = store.now();
  const assigned = [...new Set(rows.map((r) => r.version_id).filter((id): id is string => id !== null && !read.has(id)))];
  if (assigned.length > 0) for (const v of await store.db.selectFrom('versions').selectAll().where('id', 'in', assigned).execute()) read.set(v.id, v);
  const served = await servedVersionIds(store.db, rows, now, read);
  const servedIds = [...new Set([...served.values()].filter((id): id is string => id !== null))];
  const rolledBackTo = servedIds.filter((id) => !read.has(id));
  if (rolledBackTo.length > 0) for (const v of await store.db.selectFrom('versions').selectAll().where('id', 'in', rolledBackTo).execute()) read.set(v.id, v);
  const versionRows = servedIds.map((id) => read.get(id)).filter((v) => v !== undefined);
  const versions = new Map((await readVersions(store.db, versionRows, now, new Map(rows.map((r) => [r.bucket_id, bucketName])))).map((v) => [v.id, v]));
  return rows.map((r) => {
    const c: Channel = {
      id: r.id,
      bucket_name: bucketName,
      name: r.name,
      restricted: r.restricted === 1,
      managed: r.managed === 1,
      author_id: r.author_id,
      created_at: r.created_at,
      updated_at: r.updated_at,
    };
    const id = served.get(r.id);
    const version = id ? versions.get(id) : undefined;
    if (version) c.version = version;
    return c;
  });
}

async function findChannelRow(db: Kysely<Database>, bucketId: string, bucketName: string, name: string): Promise<Selectable<ChannelsTable>> {
  const row = await db.selectFrom('channels').selectAll().where('bucket_id', '=', bucketId).where('name', '=', name).executeTakeFirst();
  if (!row) throw notFound(`channel ${JSON.stringify(name)} in bucket ${JSON.stringify(bucketName)}`);
  return row;
}

/** The id of the complete version with this fingerprint, or null for an empty fingerprint. */
async function assignableVersion(store: Store, bucketName: string, fingerprint: string | undefined): Promise<string | null> {
  checkString(fingerprint, 'version_fingerprint');
  if (!fingerprint) return null;
  const version = await findVersionRow(store.db, bucketName, fingerprint);
  if (version.number === null) throw new StoreError('invalid', `version ${JSON.stringify(fingerprint)} is not complete: only a complete version can be assigned to a channel`);
  if (isRevoked(version, store.now())) throw new StoreError('invalid', `version ${JSON.stringify(fingerprint)} is revoked: it cannot be assigned to a channel`);
  return version.id;
}

export async function createChannel(store: Store, bucketName: string, input: ChannelInput, author: string): Promise<Channel> {
  if (typeof input.name !== 'string' || !CHANNEL_NAME.test(input.name)) throw new StoreError('invalid', `channel name must be 1 to 36 letters, digits, dashes or underscores, starting with a letter or digit; got ${JSON.stringify(input.name)}`);
  if (input.name === LATEST_CHANNEL) throw new StoreError('conflict', `channel "${LATEST_CHANNEL}" is managed by the registry`);
  if (input.restricted !== undefined && typeof input.restricted !== 'boolean') throw new StoreError('invalid', 'restricted must be true or false');
  const bucket = await findBucketRow(store.db, bucketName);
  const versionId = await assignableVersion(store, bucketName, input.version_fingerprint);
  const now = store.now();
  const id = store.newId();
  try {
    await store.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('channels')
        .values({ id, bucket_id: bucket.id, name: input.name, restricted: input.restricted ? 1 : 0, managed: 0, version_id: versionId, author_id: author, created_at: now, updated_at: now })
        .execute();
      if (versionId) await recordAssignment(store, trx, { channelId: id, versionId, author, at: now });
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw new StoreError('conflict', `bucket ${JSON.stringify(bucketName)} already has a channel ${JSON.stringify(input.name)}`);
    throw e;
  }
  return getChannel(store, bucketName, input.name);
}

/** The version columns read with a channel, as `v_<column>`. */
const VERSION_COLUMNS = [
  'versions.bucket_id as v_bucket_id',
  'versions.fingerprint as v_fingerprint',
  'versions.number as v_number',
  'versions.status as v_status',
  'versions.author_id as v_author_id',
  'versions.parent_version_id as v_parent_version_id',
  'versions.revoke_at as v_revoke_at',
  'versions.revocation_message as v_revocation_message',
  'versions.revocation_author as v_revocation_author',
  'versions.revocation_inherited_from as v_revocation_inherited_from',
  'versions.rollback_channels as v_rollback_channels',
  'versions.created_at as v_created_at',
  'versions.updated_at as v_updated_at',
] as const;

/** The channel (a data source's and Terraform's lookup): three queries, two more when it rolls back. */
export async function getChannel(store: Store, bucketName: string, name: string): Promise<Channel> {
  const joined = await store.db
    .selectFrom('channels')
    .innerJoin('buckets', 'buckets.id', 'channels.bucket_id')
    .leftJoin('versions', 'versions.id', 'channels.version_id')
    .selectAll('channels')
    .select(VERSION_COLUMNS)
    .where('buckets.name', '=', bucketName)
    .where('channels.name', '=', name)
    .executeTakeFirst();
  if (joined) {
    const row: Record<string, unknown> = {};
    const version: Record<string, unknown> = { id: joined.version_id };
    for (const [k, v] of Object.entries(joined)) {
      if (k.startsWith('v_')) version[k.slice(2)] = v;
      else row[k] = v;
    }
    const read = new Map<string, VersionRow>(joined.version_id !== null && joined.v_fingerprint !== null ? [[joined.version_id, version as unknown as VersionRow]] : []);
    return (await toChannels(store, bucketName, [row as unknown as Selectable<ChannelsTable>], read))[0]!;
  }
  // Which one is missing: the bucket, or the channel.
  await findBucketRow(store.db, bucketName);
  throw notFound(`channel ${JSON.stringify(name)} in bucket ${JSON.stringify(bucketName)}`);
}

/** Every channel of the bucket, by name; restricted ones only when asked for. */
export async function listChannels(store: Store, bucketName: string, o: { includeRestricted: boolean }): Promise<Channel[]> {
  const bucket = await findBucketRow(store.db, bucketName);
  const rows = await store.db
    .selectFrom('channels')
    .selectAll()
    .where('bucket_id', '=', bucket.id)
    .$if(!o.includeRestricted, (q) => q.where('restricted', '=', 0))
    .orderBy('name')
    .execute();
  return toChannels(store, bucketName, rows);
}

/** Assigns a version (an empty fingerprint unassigns) and/or changes `restricted`; an assignment joins the history. */
export async function updateChannel(store: Store, bucketName: string, name: string, input: ChannelUpdate, author: string): Promise<Channel> {
  if (input.restricted !== undefined && typeof input.restricted !== 'boolean') throw new StoreError('invalid', 'restricted must be true or false');
  const bucket = await findBucketRow(store.db, bucketName);
  const row = await findChannelRow(store.db, bucket.id, bucketName, name);
  if (row.managed === 1) throw new StoreError('invalid', `channel ${JSON.stringify(name)} is managed by the registry: it follows the newest complete version`);
  const assign = input.version_fingerprint !== undefined;
  const versionId = assign ? await assignableVersion(store, bucketName, input.version_fingerprint) : null;
  const now = store.now();
  await store.db.transaction().execute(async (trx) => {
    const changes: Partial<ChannelsTable> = { updated_at: now, author_id: author };
    if (assign) changes.version_id = versionId;
    if (input.restricted !== undefined) changes.restricted = input.restricted ? 1 : 0;
    const r = await trx.updateTable('channels').set(changes).where('id', '=', row.id).executeTakeFirst();
    // Deleted since it was read (with its bucket, perhaps).
    if (Number(r.numUpdatedRows) === 0) throw notFound(`channel ${JSON.stringify(name)} in bucket ${JSON.stringify(bucketName)}`);
    if (assign) await recordAssignment(store, trx, { channelId: row.id, versionId, author, at: now });
  });
  return getChannel(store, bucketName, name);
}

export async function deleteChannel(store: Store, bucketName: string, name: string): Promise<void> {
  const bucket = await findBucketRow(store.db, bucketName);
  const row = await findChannelRow(store.db, bucket.id, bucketName, name);
  if (row.managed === 1) throw new StoreError('invalid', `channel ${JSON.stringify(name)} is managed by the registry and cannot be deleted`);
  await store.db.deleteFrom('channels').where('id', '=', row.id).execute();
}

/** The channel's assignments, newest first. */
export async function listChannelHistory(store: Store, bucketName: string, name: string, req?: PageRequest): Promise<Page<ChannelAssignment>> {
  const bucket = await findBucketRow(store.db, bucketName);
  const channel = await findChannelRow(store.db, bucket.id, bucketName, name);
  const bounds = pageBounds(req);
  const rows = await store.db
    .selectFrom('channel_assignments')
    .selectAll()
    .where('channel_id', '=', channel.id)
    .$if(bounds.after !== undefined, (q) => q.where('id', '<', bounds.after!))
    .orderBy('id', 'desc')
    .limit(bounds.limit)
    .execute();
  return toPage(rows, bounds, async (kept) => {
    const ids = kept.map((r) => r.version_id).filter((id): id is string => id !== null);
    const versionRows = ids.length === 0 ? [] : await store.db.selectFrom('versions').selectAll().where('id', 'in', ids).execute();
    const versions = new Map((await readVersions(store.db, versionRows, store.now())).map((v) => [v.id, v]));
    return kept.map((r) => {
      const a: ChannelAssignment = { author_id: r.author_id, assigned_at: r.assigned_at };
      const v = r.version_id ? versions.get(r.version_id) : undefined;
      if (v) a.version = v;
      return a;
    });
  });
}
