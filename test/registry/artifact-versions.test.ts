// The artifact lookup's store query (which versions published given external identifiers), the same on SQLite and on
// PostgreSQL: revocation status worked out on read, unknown identifiers left out.

import { afterAll, describe, expect, it } from 'vitest';
import { findArtifactVersions } from '../../registry/store/artifact-versions.js';
import { createBucket, createBuild, createVersion, revokeVersion, updateBuild, type Store } from '../../registry/store/index.js';
import { storeKinds } from '../support/registry-stores.js';

const { kinds, stopStores } = storeKinds();
afterAll(stopStores);

async function publish(store: Store, fingerprint: string, ids: string[]): Promise<void> {
  await createVersion(store, 'base', { fingerprint }, 'ci');
  const b = await createBuild(store, 'base', fingerprint, { component_type: 'amazon-ebs.base', platform: 'aws' }, 'ci');
  await updateBuild(store, 'base', fingerprint, b.id, { status: 'BUILD_DONE', artifacts: ids.map((id, i) => ({ external_identifier: id, region: `r${i}`, labels: {} })) }, 'ci');
}

describe.each(kinds)('artifact lookup on $name', (kind) => {
  it('answers each known identifier with its version and status', async () => {
    const store = await kind.open();
    await createBucket(store, { name: 'base' }, 'ci');
    await publish(store, 'one', ['ami-1', 'ami-2']);
    await publish(store, 'two', ['ami-3']);
    await revokeVersion(store, 'base', 'one', { revokeAt: store.now(), message: 'bad', skipDescendants: false, disableRollback: false }, 'alice');
    expect(await findArtifactVersions(store, [])).toEqual([]);
    const found = await findArtifactVersions(store, ['ami-2', 'ami-3', 'ami-unknown']);
    expect(found.map((f) => [f.external_identifier, f.region, f.version.fingerprint, f.version.status])).toEqual([
      ['ami-2', 'r1', 'one', 'VERSION_REVOKED'],
      ['ami-3', 'r0', 'two', 'VERSION_ACTIVE'],
    ]);
  });
});
