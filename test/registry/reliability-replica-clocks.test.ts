// Two replicas on one PostgreSQL database whose ids disagree on the time (one clock behind: its ULIDs sort before the
// other's): a channel's history is still in the order of the writes, and the channel serves its newest assignment.
// The same holds for `latest`, which completions assign.

import { monotonicFactory } from 'ulid';
import { afterAll, describe, expect, it } from 'vitest';
import { createBucket, createBuild, createChannel, createVersion, getChannel, listChannelHistory, openStore, updateBuild, updateChannel, type Store } from '../../registry/store/index.js';
import { databaseKinds } from '../support/registry-databases.js';

const { kinds, stop } = databaseKinds();
const opened: Store[] = [];
afterAll(async () => {
  await Promise.all(opened.map((s) => s.close()));
  await stop();
});

async function publish(store: Store, fingerprint: string): Promise<void> {
  await createVersion(store, 'app', { fingerprint }, 'test');
  const build = await createBuild(store, 'app', fingerprint, { component_type: 'docker.app' }, 'test');
  await updateBuild(store, 'app', fingerprint, build.id, { status: 'BUILD_DONE', artifacts: [{ external_identifier: `sha256:${fingerprint}`, region: 'docker' }] }, 'test');
}

describe('replicas whose clocks disagree', () => {
  it('keep each channel history in write order', async () => {
    const url = await kinds.find((k) => k.name === 'postgres')!.create();
    const ahead = await openStore(url);
    const behind = await openStore(url);
    opened.push(ahead, behind);
    // An hour behind: every id it makes sorts before the other replica's.
    const late = monotonicFactory();
    behind.newId = () => late(Date.now() - 3_600_000);
    await createBucket(ahead, { name: 'app' }, 'test');
    await publish(ahead, 'one');
    await publish(behind, 'two');
    await createChannel(ahead, 'app', { name: 'prod', version_fingerprint: 'one' }, 'test');
    await updateChannel(behind, 'app', 'prod', { version_fingerprint: 'two' }, 'test');
    for (const channel of ['prod', 'latest']) {
      const history = (await listChannelHistory(ahead, 'app', channel)).items.map((h) => h.version!.fingerprint);
      expect(history, channel).toEqual(['two', 'one']);
      expect((await getChannel(ahead, 'app', channel)).version!.fingerprint).toBe('two');
    }
  });
});
