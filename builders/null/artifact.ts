import type { Artifact } from '../../src/plugin/artifact.js';
import type { GeneratedData } from '../../src/plugin/plugins.js';

/**
 * The null builder's artifact: nothing was exported; it carries the connection's generated data. The image registry
 * records it as Packer's null builder has it recorded: platform, region and source `null`, identifier `Null`.
 */
export function nullArtifact(generatedData: GeneratedData): Artifact {
  return {
    builderId: 'fnoeding.null',
    id: 'Null',
    files: [],
    string: 'Did not export anything. This is the null builder',
    images: [{ platform: 'null', externalId: 'Null', region: 'null', labels: {}, sourceExternalId: 'null' }],
    generatedData: Object.freeze({ ...generatedData }),
    destroy: async () => {},
  };
}
