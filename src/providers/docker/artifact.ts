import { rm } from 'node:fs/promises';
import type Dockerode from 'dockerode';
import type { Engine } from './engine.js';
import type { Artifact } from '../../plugin/artifact.js';
import { removeImage } from './driver.js';

/** Packer's builder ids: an exported tar is the docker builder's; a committed image is docker-import's. */
export const BUILDER_ID = 'packer.docker';
export const IMPORT_BUILDER_ID = 'packer.post-processor.docker-import';

/** A Docker image: `id` is the image ID or a `repo:tag`; `tags` are shown after it. Destroying it removes the image. */
export function imageArtifact(docker: Engine, id: string, opts: { builderId?: string; tags?: string[]; state?: Record<string, unknown> } = {}): Artifact {
  const tags = opts.tags ?? [];
  return {
    builderId: opts.builderId ?? IMPORT_BUILDER_ID,
    id,
    files: [],
    string: tags.length > 0 ? `Imported Docker image: ${id} with tags ${tags.join(' ')}` : `Imported Docker image: ${id}`,
    state: { ...opts.state, docker_tags: tags },
    destroy: () => removeImage(docker, id),
  };
}

/** An exported container filesystem (`export_path`; '' after `discard`, as Packer); destroying it removes the file. */
export function exportArtifact(path: string, absolutePath: string, state?: Record<string, unknown>): Artifact {
  return {
    builderId: BUILDER_ID,
    id: path,
    files: path === '' ? [] : [path],
    string: `Exported Docker file: ${path}`,
    state,
    destroy: () => (path === '' ? Promise.resolve() : rm(absolutePath, { force: true })),
  };
}
