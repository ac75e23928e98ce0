// A build's parent: the registry version its source image came from, as the build reports it (HCP's
// `parent_version_id` and `parent_channel_id`), or else the complete version that published an artifact with the
// build's `source_external_identifier` (an image id or AMI id the registry knows).

import type { BuildInput } from './builds.js';
import { notFound, StoreError, type Store } from './store.js';
import { checkString } from './validate.js';

export interface BuildParent {
  versionId: string | null;
  channelId: string | null;
}

export async function findParent(store: Store, input: BuildInput): Promise<BuildParent> {
  checkString(input.parent_version_id, 'parent_version_id');
  checkString(input.parent_channel_id, 'parent_channel_id');
  if (input.parent_channel_id && !input.parent_version_id) throw new StoreError('invalid', 'parent_channel_id needs parent_version_id: the version that channel pointed at');
  if (input.parent_version_id) {
    const parent = await store.db.selectFrom('versions').select(['id', 'bucket_id']).where('id', '=', input.parent_version_id).executeTakeFirst();
    if (!parent) throw notFound(`parent version ${JSON.stringify(input.parent_version_id)}`);
    if (!input.parent_channel_id) return { versionId: parent.id, channelId: null };
    const channel = await store.db.selectFrom('channels').select(['id', 'bucket_id']).where('id', '=', input.parent_channel_id).executeTakeFirst();
    if (!channel) throw notFound(`parent channel ${JSON.stringify(input.parent_channel_id)}`);
    if (channel.bucket_id !== parent.bucket_id) throw new StoreError('invalid', `parent channel ${JSON.stringify(input.parent_channel_id)} is not a channel of the parent version's bucket`);
    return { versionId: parent.id, channelId: channel.id };
  }
  if (!input.source_external_identifier) return { versionId: null, channelId: null };
  const published = await store.db
    .selectFrom('artifacts')
    .innerJoin('builds', 'builds.id', 'artifacts.build_id')
    .innerJoin('versions', 'versions.id', 'builds.version_id')
    .select('versions.id')
    .where('artifacts.external_identifier', '=', input.source_external_identifier)
    .where('versions.number', 'is not', null)
    .orderBy('versions.id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return { versionId: published?.id ?? null, channelId: null };
}
