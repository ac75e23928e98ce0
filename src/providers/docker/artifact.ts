import { rm } from 'node:fs/promises';
import type { Engine } from './engine.js';
import type { Artifact, ArtifactImage } from '../../plugin/artifact.js';
import type { Value } from '../../value/value.js';
import { removeImage } from './driver.js';

/** Packer's builder ids: an exported tar is the docker builder's; a committed image is docker-import's. */
export const BUILDER_ID = 'packer.docker';
export const IMPORT_BUILDER_ID = 'packer.post-processor.docker-import';

export interface ImageArtifactOptions {
  builderId?: string;
  tags?: string[];
  state?: Readonly<Record<string, unknown>>;
  /** The image's ID (`sha256:...`) when `id` is a name; recorded as the registry's external id. */
  imageId?: string;
  /** The image it was built from (`sha256:...`). */
  sourceImageId?: string;
  /** Where the image was pushed: the registry's host, recorded as the region (else `docker`), and the pushed digest reference. */
  pushed?: { registry: string; reference: string };
  generatedData?: Readonly<Record<string, Value>>;
}

function imageOf(id: string, tags: string[], o: ImageArtifactOptions): ArtifactImage {
  const labels: Record<string, string> = {};
  if (tags.length > 0) labels.tags = tags.join(',');
  if (o.imageId && o.pushed) labels.image_id = o.imageId;
  return {
    platform: 'docker',
    externalId: o.pushed?.reference ?? o.imageId ?? id,
    // As Packer's docker plugin records an image: region `docker` until pushed, then the registry's host.
    region: o.pushed?.registry ?? 'docker',
    labels,
    ...(o.sourceImageId ? { sourceExternalId: o.sourceImageId } : {}),
  };
}

/** A Docker image: `id` is the image ID or a `repo:tag`; `tags` are shown after it. Destroying it removes the image. */
export function imageArtifact(docker: Engine, id: string, opts: ImageArtifactOptions = {}): Artifact {
  const tags = opts.tags ?? [];
  return {
    builderId: opts.builderId ?? IMPORT_BUILDER_ID,
    id,
    files: [],
    string: tags.length > 0 ? `Imported Docker image: ${id} with tags ${tags.join(' ')}` : `Imported Docker image: ${id}`,
    images: [imageOf(id, tags, opts)],
    ...(opts.generatedData ? { generatedData: opts.generatedData } : {}),
    state: { ...opts.state, docker_tags: tags },
    destroy: () => removeImage(docker, id),
  };
}

/** The ID of the image an artifact stands for, as recorded in its registry metadata (else its artifact id). */
export function imageIdOf(artifact: Artifact): string {
  const image = artifact.images.find((i) => i.platform === 'docker');
  return image?.labels.image_id ?? image?.externalId ?? artifact.id;
}

/**
 * An exported container filesystem (`export_path`; '' after `discard`, as Packer); destroying it removes the file.
 * It is a tar file, not an image: the registry has nothing to record until docker-import makes one.
 */
export function exportArtifact(path: string, absolutePath: string, generatedData?: Readonly<Record<string, Value>>): Artifact {
  return {
    builderId: BUILDER_ID,
    id: path,
    files: path === '' ? [] : [path],
    string: `Exported Docker file: ${path}`,
    images: [],
    ...(generatedData ? { generatedData } : {}),
    destroy: () => (path === '' ? Promise.resolve() : rm(absolutePath, { force: true })),
  };
}
