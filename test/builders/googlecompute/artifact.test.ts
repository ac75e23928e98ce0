// The googlecompute artifact: Packer's id and text, and the registry's image metadata (platform gce, the storage
// location or else the zone's region, the image name as external id, the source image).

import { describe, expect, it } from 'vitest';
import { BUILDER_ID, imageArtifact } from '../../../builders/googlecompute/artifact.js';
import type { GceDriver, ImageInfo } from '../../../src/providers/gcp/driver.js';

const image = (storageLocations: string[]): ImageInfo => ({ name: 'app-1', project: 'p', selfLink: '', licenses: [], guestOsFeatures: [], storageLocations, labels: { os: 'debian' } });
const noDriver = async (): Promise<GceDriver> => {
  throw new Error('not used');
};

describe('googlecompute artifact', () => {
  it('is the image by name, in its storage location, from its source image', () => {
    const a = imageArtifact(image(['eu']), 'us-central1-a', 'debian-12-v1', {}, noDriver);
    expect(a).toMatchObject({ builderId: BUILDER_ID, id: 'app-1', string: 'A disk image was created: app-1', files: [] });
    expect(BUILDER_ID).toBe('packer.googlecompute');
    expect(a.images).toEqual([{ platform: 'gce', externalId: 'app-1', region: 'eu', labels: { os: 'debian' }, sourceExternalId: 'debian-12-v1' }]);
  });

  it('is in the zone\'s region when the image names no storage location', () => {
    expect(imageArtifact(image([]), 'europe-west1-b', '', {}, noDriver).images).toEqual([{ platform: 'gce', externalId: 'app-1', region: 'europe-west1', labels: { os: 'debian' } }]);
  });
});
