// Artifacts say what they are: the docker builder's committed image and docker-tag's result carry the registry
// metadata (platform, external id, source, labels) and the generated data post-processors see, on the real engine.

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Dockerode from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dockerBuilder } from '../../../builders/docker/index.js';
import { dockerTagPostProcessor } from '../../../post-processors/docker-tag/index.js';
import type { Artifact } from '../../../src/plugin/artifact.js';
import { testContext } from '../../engine/helpers.js';
import { configOf } from '../../support/config.js';
import { removeImages, TEST_IMAGE, testDocker } from '../../support/docker.js';

let docker: Dockerode;
const made: string[] = [];

beforeAll(async () => {
  docker = await testDocker();
});
afterAll(async () => {
  await removeImages(docker, made);
});

describe('docker artifacts', () => {
  it('a committed image records its id, its source image and the final generated data', async () => {
    const builder = await dockerBuilder.create(configOf(dockerBuilder.config, { image: TEST_IMAGE, pull: false, commit: true }));
    const seen: string[] = [];
    const artifact = (await builder.run(testContext({ builderType: 'docker' }), async (_comm, data) => {
      seen.push(data.ImageSha256!.asString());
    })) as Artifact;
    made.push(artifact.id);
    const source = (await docker.getImage(TEST_IMAGE).inspect()).Id;
    expect(artifact.id).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(artifact.images).toEqual([{ platform: 'docker', externalId: artifact.id, region: 'docker', labels: {}, sourceExternalId: source }]);
    // Provisioners ran before the commit; post-processors get the data as it stands after it.
    expect(seen).toEqual(['ERR_IMAGE_SHA256_NOT_FOUND']);
    expect(artifact.generatedData?.ImageSha256?.asString()).toBe(artifact.id);
    expect(Object.isFrozen(artifact.generatedData)).toBe(true);

    const tagger = await dockerTagPostProcessor.create(configOf(dockerTagPostProcessor.config, { repository: 'tsbuild-artifact/app', tags: ['1', 'latest'] }));
    made.push('tsbuild-artifact/app:1', 'tsbuild-artifact/app:latest');
    const tagged = await tagger.postProcess(testContext(), artifact);
    expect(tagged.artifact.id).toBe('tsbuild-artifact/app:latest');
    expect(tagged.artifact.images).toEqual([{ platform: 'docker', externalId: artifact.id, region: 'docker', labels: { tags: 'tsbuild-artifact/app:1,tsbuild-artifact/app:latest' } }]);
  });

  it('an exported filesystem is a file, not an image: nothing for the registry to record', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'tsbuild-export-'));
    const builder = await dockerBuilder.create(configOf(dockerBuilder.config, { image: TEST_IMAGE, pull: false, export_path: 'fs.tar' }, cwd));
    const artifact = (await builder.run(testContext({ cwd, builderType: 'docker' }), async () => {})) as Artifact;
    expect(artifact.files).toEqual(['fs.tar']);
    expect(artifact.images).toEqual([]);
    await artifact.destroy();
  });
});
