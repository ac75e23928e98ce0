// Which versions published an image: for each external identifier (an AMI id, a docker image id) the registry knows,
// the versions whose builds list it as an artifact, with their revocation status. Unknown identifiers are left out.

import type { ArtifactVersion } from '../api/types.js';
import { readVersions } from './read-versions.js';
import type { Store } from './store.js';

export async function findArtifactVersions(store: Store, externalIds: string[]): Promise<ArtifactVersion[]> {
  if (externalIds.length === 0) return [];
  const matches = await store.db
    .selectFrom('artifacts')
    .innerJoin('builds', 'builds.id', 'artifacts.build_id')
    .select(['artifacts.external_identifier', 'artifacts.region', 'builds.version_id'])
    .where('artifacts.external_identifier', 'in', externalIds)
    .orderBy('artifacts.id')
    .execute();
  if (matches.length === 0) return [];
  const rows = await store.db.selectFrom('versions').selectAll().where('id', 'in', [...new Set(matches.map((m) => m.version_id))]).execute();
  const versions = new Map((await readVersions(store.db, rows, store.now())).map((v) => [v.id, v]));
  return matches.map((m) => ({ external_identifier: m.external_identifier, region: m.region, version: versions.get(m.version_id)! }));
}
