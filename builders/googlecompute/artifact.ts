// The googlecompute artifact, as Packer's: the image's name is its id; its text says the image was made;
// destroying it deletes the image. The registry records it on platform `gce`, in its storage location (else the
// zone's region).

import type { Artifact } from '../../src/plugin/artifact.js';
import type { GeneratedData } from '../../src/plugin/plugins.js';
import type { GceDriver, ImageInfo } from '../../src/providers/gcp/driver.js';

export const BUILDER_ID = 'packer.googlecompute';

export function imageArtifact(image: ImageInfo, zone: string, sourceImage: string, generatedData: GeneratedData, driver: () => Promise<GceDriver>): Artifact {
  return {
    builderId: BUILDER_ID,
    id: image.name,
    files: [],
    string: `A disk image was created: ${image.name}`,
    images: [{ platform: 'gce', externalId: image.name, region: image.storageLocations[0] ?? zone.slice(0, -2), labels: image.labels, ...(sourceImage ? { sourceExternalId: sourceImage } : {}) }],
    generatedData: Object.freeze({ ...generatedData }),
    destroy: async () => {
      const d = await driver();
      try {
        await d.deleteImage(image.name, new AbortController().signal);
      } finally {
        await d.close();
      }
    },
  };
}
