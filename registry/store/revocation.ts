// Revoking and restoring versions, as HCP's UpdateVersion does with `revoke_at` / `revoke_in`, `restore`,
// `skip_descendants_revocation` and `disable_rollback_channels`. Revoking writes no channel: channel-version.ts serves
// the rolled-back version once the revocation has taken effect.

import type { Kysely } from 'kysely';
import type { Version } from '../api/types.js';
import { recordAssignment } from './assignments.js';
import { isRevoked, servedVersionIds } from './channel-version.js';
import type { Database } from './schema.js';
import { StoreError, type Store } from './store.js';
import { findVersionRow, getVersion } from './versions.js';

export interface Revocation {
  /** When the revocation takes effect (RFC 3339); now or earlier revokes at once. */
  revokeAt: string;
  message: string;
  /** Descendants (versions built from this one, at any depth) do not inherit the revocation. */
  skipDescendants?: boolean;
  /** User channels keep pointing at the version instead of rolling back. */
  disableRollback?: boolean;
}

/**
 * The versions built from `rootId`, at any depth: those whose own parent is one of them, or one of whose builds
 * records one of them as its parent.
 */
export async function descendantIds(db: Kysely<Database>, rootId: string): Promise<string[]> {
  const seen = new Set([rootId]);
  let frontier = [rootId];
  while (frontier.length > 0) {
    const viaVersions = await db.selectFrom('versions').select('id').where('parent_version_id', 'in', frontier).execute();
    const viaBuilds = await db.selectFrom('builds').select('version_id as id').where('parent_version_id', 'in', frontier).execute();
    frontier = [...new Set([...viaVersions, ...viaBuilds].map((r) => r.id))].filter((id) => !seen.has(id));
    for (const id of frontier) seen.add(id);
  }
  seen.delete(rootId);
  return [...seen];
}

/**
 * Revokes a complete version at `revokeAt`, recording the message and its author. Descendants inherit it (marked
 * INHERITED, naming this version) unless skipped; a descendant with a revocation of its own keeps it, and one that
 * inherited an earlier revocation from elsewhere keeps the earlier time.
 */
export async function revokeVersion(store: Store, bucketName: string, fingerprint: string, o: Revocation, author: string): Promise<Version> {
  const version = await findVersionRow(store.db, bucketName, fingerprint);
  const now = store.now();
  if (version.number === null) throw new StoreError('invalid', `version ${JSON.stringify(fingerprint)} is not complete: only a complete version can be revoked`);
  if (isRevoked(version, now)) throw new StoreError('invalid', `version ${JSON.stringify(fingerprint)} is already revoked; restore it before revoking it again`);
  const fields = { revoke_at: o.revokeAt, revocation_message: o.message, revocation_author: author, rollback_channels: o.disableRollback ? 0 : 1, updated_at: now };
  await store.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('versions')
      .set({ ...fields, revocation_inherited_from: null })
      .where('id', '=', version.id)
      .execute();
    if (o.skipDescendants) return;
    const ids = await descendantIds(trx, version.id);
    if (ids.length === 0) return;
    await trx
      .updateTable('versions')
      .set({ ...fields, revocation_inherited_from: version.id })
      .where('id', 'in', ids)
      .where((eb) =>
        eb.or([eb('revoke_at', 'is', null), eb('revocation_inherited_from', '=', version.id), eb.and([eb('revocation_inherited_from', 'is not', null), eb('revoke_at', '>', o.revokeAt)])]),
      )
      .execute();
  });
  return getVersion(store, bucketName, fingerprint);
}

/**
 * Makes a revoked or scheduled version valid again. As in HCP, descendants that inherited its revocation stay
 * revoked: each is restored on its own; and a user channel that rolled back stays rolled back: the version it serves
 * is written as its assignment (by the revocation's author) before the revocation is cleared.
 */
export async function restoreVersion(store: Store, bucketName: string, fingerprint: string, author: string): Promise<Version> {
  const version = await findVersionRow(store.db, bucketName, fingerprint);
  if (version.revoke_at === null) throw new StoreError('invalid', `version ${JSON.stringify(fingerprint)} is not revoked or scheduled for revocation: nothing to restore`);
  const now = store.now();
  await store.db.transaction().execute(async (trx) => {
    const channels = await trx.selectFrom('channels').selectAll().where('version_id', '=', version.id).where('managed', '=', 0).execute();
    const served = await servedVersionIds(trx, channels, now);
    for (const c of channels) {
      const to = served.get(c.id);
      if (!to || to === version.id) continue;
      const by = version.revocation_author ?? author;
      // Only while it still points at the version: an assignment made since it was read stands.
      const r = await trx.updateTable('channels').set({ version_id: to, author_id: by, updated_at: now }).where('id', '=', c.id).where('version_id', '=', version.id).executeTakeFirst();
      if (Number(r.numUpdatedRows) === 1) await recordAssignment(store, trx, { channelId: c.id, versionId: to, author: by, at: now });
    }
    await trx
      .updateTable('versions')
      .set({ revoke_at: null, revocation_message: null, revocation_author: null, revocation_inherited_from: null, rollback_channels: 1, updated_at: now })
      .where('id', '=', version.id)
      .execute();
  });
  return getVersion(store, bucketName, fingerprint);
}
