import { rm } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Artifact } from '../../src/plugin/artifact.js';

/**
 * The file builder's artifact: the target file (as written in the template); destroying it removes the file. The
 * image registry records it as Packer's file builder describes it: platform `file`, the file's path as identifier.
 */
export function fileArtifact(target: string, cwd: string): Artifact {
  return {
    builderId: 'packer.file',
    id: 'File',
    files: [target],
    string: `Stored file: ${target}`,
    images: [{ platform: 'file', externalId: target, labels: {} }],
    destroy: () => rm(resolve(cwd, target), { force: true }),
  };
}
