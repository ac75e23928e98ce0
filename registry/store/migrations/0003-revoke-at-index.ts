// Scheduled revocations by time: the server's lookup cache asks for the next one to come (nextRevocation in channel-version.ts).

import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('versions_revoke_at').on('versions').column('revoke_at').execute();
}
