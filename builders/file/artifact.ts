import { rm } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Artifact } from '../../src/plugin/artifact.js';

/** The file builder's artifact: the target file (as written in the template), no image; destroying it removes the file. */
export function fileArtifact(target: string, cwd: string): Artifact {
  return {
    builderId: 'packer.file',
    id: 'File',
    files: [target],
    string: `Stored file: ${target}`,
    images: [],
    destroy: () => rm(resolve(cwd, target), { force: true }),
  };
}
