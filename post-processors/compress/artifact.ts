import { rm } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Artifact } from '../../src/plugin/artifact.js';

/** The archive compress wrote; the image registry records it as a file, named by its path. */
export function compressArtifact(target: string, cwd: string): Artifact {
  return {
    builderId: 'packer.post-processor.compress',
    id: '',
    files: [target],
    string: `compressed artifacts in: ${target}`,
    images: [{ platform: 'file', externalId: target, labels: {} }],
    destroy: () => rm(resolve(cwd, target), { force: true }),
  };
}
