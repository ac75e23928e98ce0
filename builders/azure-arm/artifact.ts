// The azure-arm artifact, as Packer's: the managed image (and its gallery version). Its id is the image's ARM ID;
// its text lists the image as Packer prints it; destroying it deletes the gallery version and the image.

import type { Artifact, ArtifactImage } from '../../src/plugin/artifact.js';
import type { GeneratedData } from '../../src/plugin/plugins.js';

export const BUILDER_ID = 'Azure.ResourceManagement.VMImage';

export interface AzureImage {
  resourceGroup: string;
  name: string;
  id: string;
  location: string;
  galleryVersionId?: string;
  /** What the image was built from: a marketplace URN or an image ID. */
  source: string;
}

export function azureArtifact(image: AzureImage, generatedData: GeneratedData, destroy: () => Promise<void>): Artifact {
  const lines = [
    `${BUILDER_ID}:`,
    '',
    'OSType: Linux',
    `ManagedImageResourceGroupName: ${image.resourceGroup}`,
    `ManagedImageName: ${image.name}`,
    `ManagedImageId: ${image.id}`,
    `ManagedImageLocation: ${image.location}`,
    ...(image.galleryVersionId ? [`ManagedImageSharedImageGalleryId: ${image.galleryVersionId}`] : []),
  ];
  const images: ArtifactImage[] = [{ platform: 'azure', externalId: image.id, region: image.location, labels: {}, sourceExternalId: image.source }];
  if (image.galleryVersionId) images.push({ platform: 'azure', externalId: image.galleryVersionId, region: image.location, labels: {}, sourceExternalId: image.id });
  return {
    builderId: BUILDER_ID,
    id: image.id,
    files: [],
    string: `${lines.join('\n')}\n`,
    images,
    generatedData: Object.freeze({ ...generatedData }),
    destroy,
  };
}
