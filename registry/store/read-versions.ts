// Turns version rows into the wire's versions, with their builds and artifacts, in three queries whatever the count.

import type { Kysely, Selectable } from 'kysely';
import { API_PREFIX, type Artifact, type Build, type BuildStatus, type Labels, type RevokedAncestor, type Version, type VersionStatus } from '../api/types.js';
import { linksFrom, readParentStatuses } from './ancestry.js';
import type { Database, VersionsTable } from './schema.js';
import { parseJson } from './store.js';

export type VersionRow = Selectable<VersionsTable>;

/** Revocation is a time: before it the version is scheduled for revocation, from it on revoked. */
export function versionStatus(row: VersionRow, now: string): VersionStatus {
  if (row.revoke_at) return row.revoke_at <= now ? 'VERSION_REVOKED' : 'VERSION_REVOCATION_SCHEDULED';
  return row.status as VersionStatus;
}

export async function readBuilds(db: Kysely<Database>, versionIds: string[]): Promise<Map<string, Build[]>> {
  const byVersion = new Map<string, Build[]>(versionIds.map((id) => [id, []]));
  if (versionIds.length === 0) return byVersion;
  // One query: each build with its artifacts (a row per artifact, or one row with no artifact).
  const rows = await db
    .selectFrom('builds')
    .leftJoin('artifacts', 'artifacts.build_id', 'builds.id')
    .selectAll('builds')
    .select(['artifacts.id as artifact_id', 'artifacts.external_identifier', 'artifacts.region', 'artifacts.labels as artifact_labels', 'artifacts.created_at as artifact_created_at'])
    .where('builds.version_id', 'in', versionIds)
    .orderBy('builds.id')
    .orderBy('artifacts.id')
    .execute();
  let build: Build | undefined;
  for (const b of rows) {
    if (build?.id !== b.id) {
      build = {
        id: b.id,
        version_id: b.version_id,
        component_type: b.component_type,
        platform: b.platform,
        status: b.status as BuildStatus,
        labels: parseJson<Labels>(b.labels),
        packer_run_uuid: b.packer_run_uuid,
        source_external_identifier: b.source_external_identifier,
        metadata: parseJson<Record<string, unknown>>(b.metadata),
        artifacts: [],
        author_id: b.author_id,
        created_at: b.created_at,
        updated_at: b.updated_at,
      };
      if (b.parent_version_id) build.parent_version_id = b.parent_version_id;
      if (b.parent_channel_id) build.parent_channel_id = b.parent_channel_id;
      byVersion.get(b.version_id)!.push(build);
    }
    if (b.artifact_id !== null) {
      const artifact: Artifact = { external_identifier: b.external_identifier!, region: b.region!, labels: parseJson<Labels>(b.artifact_labels!), created_at: b.artifact_created_at! };
      build.artifacts.push(artifact);
    }
  }
  return byVersion;
}

/** Version id to its name, fingerprint and bucket name (HCP's RevokedAncestor shape), for the ids that exist. */
export async function readVersionRefs(db: Kysely<Database>, ids: string[]): Promise<Map<string, RevokedAncestor>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('versions')
    .innerJoin('buckets', 'buckets.id', 'versions.bucket_id')
    .select(['versions.id', 'versions.number', 'versions.fingerprint', 'buckets.name as bucket_name'])
    .where('versions.id', 'in', ids)
    .execute();
  return new Map(rows.map((a) => [a.id, { id: a.id, name: `v${a.number ?? 0}`, fingerprint: a.fingerprint, bucket_name: a.bucket_name }]));
}

/**
 * The wire's versions of these rows: two queries (builds with their artifacts; which have descendants), a third for
 * bucket names not in `bucketNames`, and more only for inherited revocations and recorded parents.
 */
export async function readVersions(db: Kysely<Database>, rows: VersionRow[], now: string, bucketNames: ReadonlyMap<string, string> = new Map()): Promise<Version[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const buckets = new Map(bucketNames);
  const unnamed = [...new Set(rows.map((r) => r.bucket_id))].filter((id) => !buckets.has(id));
  const ancestorIds = [...new Set(rows.map((r) => r.revocation_inherited_from).filter((id): id is string => id !== null))];
  // Independent reads, at once: on PostgreSQL they go over separate connections of the pool.
  const [builds, named, ancestors, descendants] = await Promise.all([
    readBuilds(db, ids),
    unnamed.length === 0 ? [] : db.selectFrom('buckets').select(['id', 'name']).where('id', 'in', unnamed).execute(),
    readVersionRefs(db, ancestorIds),
    db
      .selectFrom('versions')
      .select('parent_version_id')
      .where('parent_version_id', 'in', ids)
      .union(db.selectFrom('builds').select('parent_version_id').where('parent_version_id', 'in', ids))
      .execute(),
  ]);
  for (const b of named) buckets.set(b.id, b.name);
  const parents = new Set(descendants.map((r) => r.parent_version_id));
  const parentStatuses = await readParentStatuses(db, linksFrom([...builds.values()].flat(), rows), now);
  return rows.map((r) => {
    const v: Version = {
      id: r.id,
      bucket_name: buckets.get(r.bucket_id) ?? '',
      name: `v${r.number ?? 0}`,
      fingerprint: r.fingerprint,
      status: versionStatus(r, now),
      author_id: r.author_id,
      builds: builds.get(r.id) ?? [],
      has_descendants: parents.has(r.id),
      created_at: r.created_at,
      updated_at: r.updated_at,
    };
    if (r.parent_version_id) v.parent_version_id = r.parent_version_id;
    const parentsStatus = parentStatuses.get(r.id);
    if (parentsStatus) v.parents = { href: `${API_PREFIX}/buckets/${v.bucket_name}/ancestry`, status: parentsStatus };
    if (r.revoke_at) {
      v.revoke_at = r.revoke_at;
      v.revocation_message = r.revocation_message ?? '';
      v.revocation_author = r.revocation_author ?? '';
      v.revocation_type = r.revocation_inherited_from ? 'INHERITED' : 'MANUAL';
      const ancestor = r.revocation_inherited_from ? ancestors.get(r.revocation_inherited_from) : undefined;
      if (ancestor) v.revocation_inherited_from = ancestor;
    }
    return v;
  });
}
