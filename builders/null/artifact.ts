import type { Artifact } from '../../src/plugin/artifact.js';
import type { GeneratedData } from '../../src/plugin/plugins.js';

/** The null builder's artifact: nothing was exported, no image to record; it carries the connection's generated data. */
export function nullArtifact(generatedData: GeneratedData): Artifact {
  return {
    builderId: 'fnoeding.null',
    id: 'Null',
    files: [],
    string: 'Did not export anything. This is the null builder',
    images: [],
    generatedData: Object.freeze({ ...generatedData }),
    destroy: async () => {},
  };
}
