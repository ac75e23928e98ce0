import { rm } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Artifact } from '../../src/plugin/artifact.js';

/** Files named by artifice; destroying the artifact removes them. */
export function artificeArtifact(files: string[], cwd: string): Artifact {
  return {
    builderId: 'packer.post-processor.artifice',
    id: '',
    files,
    string: `Created artifact from files: ${files.join(', ')}`,
    images: [],
    destroy: async () => {
      for (const f of files) await rm(resolve(cwd, f), { recursive: true, force: true });
    },
  };
}
