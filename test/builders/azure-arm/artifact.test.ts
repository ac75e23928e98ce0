import { describe, expect, it } from 'vitest';
import { azureArtifact } from '../../../builders/azure-arm/artifact.js';

const image = {
  resourceGroup: 'images-rg',
  name: 'golden',
  id: '/subscriptions/s/resourceGroups/images-rg/providers/Microsoft.Compute/images/golden',
  location: 'westus2',
  source: 'Canonical:0001-com-ubuntu-server-jammy:22_04-lts:latest',
};

describe('azure-arm artifact', () => {
  it("is Packer's: the managed image's ID, its text, and the registry's images (platform azure, region = location)", () => {
    const a = azureArtifact(image, {}, async () => undefined);
    expect(a.builderId).toBe('Azure.ResourceManagement.VMImage');
    expect(a.id).toBe(image.id);
    expect(a.string).toBe(
      `Azure.ResourceManagement.VMImage:\n\nOSType: Linux\nManagedImageResourceGroupName: images-rg\nManagedImageName: golden\nManagedImageId: ${image.id}\nManagedImageLocation: westus2\n`,
    );
    expect(a.images).toEqual([{ platform: 'azure', externalId: image.id, region: 'westus2', labels: {}, sourceExternalId: image.source }]);
  });

  it('names the gallery version too when the image was published', () => {
    const version = '/subscriptions/s/resourceGroups/g/providers/Microsoft.Compute/galleries/gal/images/i/versions/1.0.0';
    const a = azureArtifact({ ...image, galleryVersionId: version }, {}, async () => undefined);
    expect(a.string).toContain(`ManagedImageSharedImageGalleryId: ${version}\n`);
    expect(a.images.map((i) => i.externalId)).toEqual([image.id, version]);
    expect(a.images[1]).toMatchObject({ platform: 'azure', region: 'westus2', sourceExternalId: image.id });
  });
});
