import type { Artifact } from '../../src/plugin/artifact.js';

/** The null builder's artifact: nothing was exported. */
export function nullArtifact(): Artifact {
  return {
    builderId: 'fnoeding.null',
    id: 'Null',
    files: [],
    string: 'Did not export anything. This is the null builder',
    destroy: async () => {},
  };
}
