// The version a channel serves now. Revocation is a time, so a channel's rollback is too: it is worked out when the
// channel is read, the same for every reader and replica, with no timer. A user channel pointing at a revoked version
// serves the newest version of its assignment history that is not revoked (unless the revocation was made with
// `disable_rollback_channels`, or every version it ever had is revoked); `latest` serves the bucket's newest complete
// version that is not revoked, as HCP's managed channel does. Restoring the version writes the rollback (revocation.ts).

import type { Kysely, Selectable } from 'kysely';
import type { ChannelsTable, Database, VersionsTable } from './schema.js';

/** Whether a version's revocation has taken effect at `now`. */
export function isRevoked(row: { revoke_at: string | null }, now: string): boolean {
  return row.revoke_at !== null && row.revoke_at <= now;
}

type RevocationFields = Pick<Selectable<VersionsTable>, 'id' | 'revoke_at' | 'rollback_channels'>;

/** Channel id to the id of the version it serves now (null for none); `known`: versions already read. */
export async function servedVersionIds(db: Kysely<Database>, rows: Selectable<ChannelsTable>[], now: string, known: ReadonlyMap<string, RevocationFields> = new Map()): Promise<Map<string, string | null>> {
  const served = new Map<string, string | null>(rows.map((r) => [r.id, r.version_id]));
  const ids = [...new Set(rows.map((r) => r.version_id).filter((id): id is string => id !== null && !known.has(id)))];
  const versions = new Map<string, RevocationFields>(known);
  if (ids.length > 0) for (const v of await db.selectFrom('versions').select(['id', 'revoke_at', 'rollback_channels']).where('id', 'in', ids).execute()) versions.set(v.id, v);
  for (const r of rows) {
    const v = r.version_id ? versions.get(r.version_id) : undefined;
    if (!v || !isRevoked(v, now)) continue;
    if (r.managed === 1) served.set(r.id, await newestValidVersion(db, r.bucket_id, now));
    else if (v.rollback_channels === 1) served.set(r.id, (await previousValidAssignment(db, r.id, now)) ?? v.id);
  }
  return served;
}

async function newestValidVersion(db: Kysely<Database>, bucketId: string, now: string): Promise<string | null> {
  const row = await db
    .selectFrom('versions')
    .select('id')
    .where('bucket_id', '=', bucketId)
    .where('number', 'is not', null)
    .where((eb) => eb.or([eb('revoke_at', 'is', null), eb('revoke_at', '>', now)]))
    .orderBy('number', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.id ?? null;
}

async function previousValidAssignment(db: Kysely<Database>, channelId: string, now: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('channel_assignments')
    .innerJoin('versions', 'versions.id', 'channel_assignments.version_id')
    .select('versions.id')
    .where('channel_assignments.channel_id', '=', channelId)
    .where((eb) => eb.or([eb('versions.revoke_at', 'is', null), eb('versions.revoke_at', '>', now)]))
    .orderBy('channel_assignments.id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.id;
}

/**
 * The earliest revocation time later than `now`, or null: until then, no revocation takes effect, so every answer
 * worked out at `now` (statuses, the versions channels serve) holds, unless the database changes.
 */
export async function nextRevocation(db: Kysely<Database>, now: string): Promise<string | null> {
  const row = await db.selectFrom('versions').select((eb) => eb.fn.min('revoke_at').as('at')).where('revoke_at', '>', now).executeTakeFirst();
  return row?.at ?? null;
}
