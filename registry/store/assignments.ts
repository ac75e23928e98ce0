// A channel's assignment history. History is read newest first by id, so a new assignment's id must sort after every
// earlier one of its channel. A ULID alone does not promise that across replicas (two processes, two clocks, two
// random streams within one millisecond): the id is taken after the newest one, with the channel's row locked by
// the caller's transaction so that no other assignment of the channel comes in between.

import { incrementBase32 } from 'ulid';
import type { Kysely } from 'kysely';
import type { Database } from './schema.js';
import type { Store } from './store.js';

/** Records the assignment inside `trx`, which must have written (and so locked) the channel's row already. */
export async function recordAssignment(store: Store, trx: Kysely<Database>, a: { channelId: string; versionId: string | null; author: string; at: string }): Promise<void> {
  const newest = await trx.selectFrom('channel_assignments').select('id').where('channel_id', '=', a.channelId).orderBy('id', 'desc').limit(1).executeTakeFirst();
  const fresh = store.newId();
  const id = newest && newest.id >= fresh ? incrementBase32(newest.id) : fresh;
  await trx.insertInto('channel_assignments').values({ id, channel_id: a.channelId, version_id: a.versionId, author_id: a.author, assigned_at: a.at }).execute();
}
