import { rm } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Artifact } from '../../src/plugin/artifact.js';

/**
 * An artifact that is a list of files ("Created artifact from files: a, b", no id, no image of its own: artifice's,
 * and checksum's, whose input is always kept); destroying it removes them.
 */
export function filesArtifact(builderId: string, files: string[], cwd: string): Artifact {
  return {
    builderId,
    id: '',
    files,
    string: `Created artifact from files: ${files.join(', ')}`,
    images: [],
    destroy: async () => {
      for (const f of files) await rm(resolve(cwd, f), { recursive: true, force: true });
    },
  };
}

/** Files named by artifice. */
export function artificeArtifact(files: string[], cwd: string): Artifact {
  return filesArtifact('packer.post-processor.artifice', files, cwd);
}
