// Bucket ancestry, as HCP's ListBucketAncestry reports it: the parents of the bucket's latest version (the versions
// its builds' source images came from) and the children of the bucket (other buckets whose latest version was built
// from one of this bucket's versions). A relation read through a channel is UP_TO_DATE while that channel still
// serves the parent version, OUT_OF_DATE once it serves another; without a channel (or once it is deleted) it is
// UNDETERMINED.

import type { Kysely } from 'kysely';
import type { AncestryStatus, BucketAncestry } from '../api/types.js';
import { findBucketRow, LATEST_CHANNEL } from './buckets.js';
import { servedVersionIds } from './channel-version.js';
import { readVersionRefs } from './read-versions.js';
import type { Database } from './schema.js';
import type { Store } from './store.js';

export interface Link {
  child: string;
  parent: string;
  channel: string | null;
}

/** Links whose child (or parent) is one of `ids`: from builds, and from versions' own parent when no build names it. */
async function linksOf(db: Kysely<Database>, side: 'child' | 'parent', ids: string[]): Promise<Link[]> {
  if (ids.length === 0) return [];
  const fromBuilds = await db
    .selectFrom('builds')
    .select(['version_id', 'parent_version_id', 'parent_channel_id'])
    .where(side === 'child' ? 'version_id' : 'parent_version_id', 'in', ids)
    .where('parent_version_id', 'is not', null)
    .execute();
  const fromVersions = await db
    .selectFrom('versions')
    .select(['id', 'parent_version_id'])
    .where(side === 'child' ? 'id' : 'parent_version_id', 'in', ids)
    .where('parent_version_id', 'is not', null)
    .execute();
  return linksFrom(fromBuilds, fromVersions);
}

/**
 * The links that builds (their parent version and the channel it was read through) and versions (their own parent)
 * record; a version's own parent counts only where none of its builds names that parent.
 */
export function linksFrom(
  builds: { version_id: string; parent_version_id?: string | null; parent_channel_id?: string | null }[],
  versions: { id: string; parent_version_id: string | null }[],
): Link[] {
  const links = new Map<string, Link>();
  for (const b of builds) {
    if (!b.parent_version_id) continue;
    const channel = b.parent_channel_id ?? null;
    links.set(`${b.version_id} ${b.parent_version_id} ${channel}`, { child: b.version_id, parent: b.parent_version_id, channel });
  }
  const named = new Set([...links.values()].map((l) => `${l.child} ${l.parent}`));
  for (const v of versions) if (v.parent_version_id && !named.has(`${v.id} ${v.parent_version_id}`)) links.set(`${v.id} ${v.parent_version_id} null`, { child: v.id, parent: v.parent_version_id, channel: null });
  return [...links.values()];
}

/** Bucket id to the id of the version its `latest` channel serves now. */
async function latestVersions(db: Kysely<Database>, bucketIds: string[], now: string): Promise<Map<string, string | null>> {
  if (bucketIds.length === 0) return new Map();
  const channels = await db.selectFrom('channels').selectAll().where('name', '=', LATEST_CHANNEL).where('bucket_id', 'in', bucketIds).execute();
  const served = await servedVersionIds(db, channels, now);
  return new Map(channels.map((c) => [c.bucket_id, served.get(c.id) ?? null]));
}

export async function listBucketAncestry(store: Store, bucketName: string): Promise<BucketAncestry[]> {
  const { db } = store;
  const now = store.now();
  const bucket = await findBucketRow(db, bucketName);
  const latest = (await latestVersions(db, [bucket.id], now)).get(bucket.id);
  const parentLinks = latest ? await linksOf(db, 'child', [latest]) : [];
  const own = (await db.selectFrom('versions').select('id').where('bucket_id', '=', bucket.id).execute()).map((v) => v.id);
  let childLinks = await linksOf(db, 'parent', own);
  const childRows = childLinks.length === 0 ? [] : await db.selectFrom('versions').select(['id', 'bucket_id']).where('id', 'in', [...new Set(childLinks.map((l) => l.child))]).execute();
  const childBucket = new Map(childRows.map((r) => [r.id, r.bucket_id]));
  const childLatest = await latestVersions(db, [...new Set(childRows.map((r) => r.bucket_id))].filter((id) => id !== bucket.id), now);
  childLinks = childLinks.filter((l) => childLatest.get(childBucket.get(l.child)!) === l.child);
  return describeLinks(db, [...parentLinks, ...childLinks], now);
}

/**
 * Version id to the overall status of its parents (HCP's `Version.parents.status`), from the versions' links
 * (linksFrom): OUT_OF_DATE if one parent is, UP_TO_DATE if all are, UNDETERMINED otherwise. Versions with no recorded
 * parent are absent.
 */
export async function readParentStatuses(db: Kysely<Database>, links: Link[], now: string): Promise<Map<string, AncestryStatus>> {
  const byChild = new Map<string, AncestryStatus[]>();
  for (const r of await describeLinks(db, links, now)) byChild.set(r.child.version_id, [...(byChild.get(r.child.version_id) ?? []), r.status]);
  const overall = (all: AncestryStatus[]): AncestryStatus => (all.includes('OUT_OF_DATE') ? 'OUT_OF_DATE' : all.every((x) => x === 'UP_TO_DATE') ? 'UP_TO_DATE' : 'UNDETERMINED');
  return new Map([...byChild].map(([id, all]) => [id, overall(all)]));
}

async function describeLinks(db: Kysely<Database>, links: Link[], now: string): Promise<BucketAncestry[]> {
  if (links.length === 0) return [];
  const channelIds = [...new Set(links.map((l) => l.channel).filter((id): id is string => id !== null))];
  const channels = channelIds.length === 0 ? [] : await db.selectFrom('channels').selectAll().where('id', 'in', channelIds).execute();
  const served = await servedVersionIds(db, channels, now);
  const versionIds = [...new Set([...links.flatMap((l) => [l.child, l.parent]), ...[...served.values()].filter((id): id is string => id !== null)])];
  const refs = await readVersionRefs(db, versionIds);
  const ref = (id: string) => {
    const r = refs.get(id)!;
    return { bucket_name: r.bucket_name, version_id: r.id, version_name: r.name, version_fingerprint: r.fingerprint };
  };
  const names = new Map(channels.map((c) => [c.id, c.name]));
  return links.map((l) => {
    const parent: BucketAncestry['parent'] = ref(l.parent);
    let status: AncestryStatus = 'UNDETERMINED';
    if (l.channel !== null && names.has(l.channel)) {
      parent.channel_name = names.get(l.channel)!;
      const current = served.get(l.channel);
      const v = current ? refs.get(current) : undefined;
      if (v) parent.channel_version = { id: v.id, name: v.name, fingerprint: v.fingerprint };
      status = current === l.parent ? 'UP_TO_DATE' : 'OUT_OF_DATE';
    }
    return { parent, child: ref(l.child), status };
  });
}
