// The amazon-ebs artifact, as Packer's: the AMIs by region. Its id is `region:ami` pairs sorted and joined by
// commas; its text lists them; destroying it deletes the AMIs and their snapshots.

import type { EC2Client } from '@aws-sdk/client-ec2';
import type { Artifact } from '../../src/plugin/artifact.js';
import type { GeneratedData } from '../../src/plugin/plugins.js';
import { deleteImage } from './images.js';

export const BUILDER_ID = 'mitchellh.amazonebs';

export function amiArtifact(amis: ReadonlyMap<string, string>, sourceAmi: string, generatedData: GeneratedData, clientFor: (region: string) => EC2Client): Artifact {
  const pairs = [...amis].map(([region, id]) => `${region}:${id}`).sort();
  const lines = [...amis].map(([region, id]) => `${region}: ${id}`).sort();
  return {
    builderId: BUILDER_ID,
    id: pairs.join(','),
    files: [],
    string: `AMIs were created:\n${lines.join('\n')}\n`,
    images: [...amis]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([region, id]) => ({ platform: 'aws', externalId: id, region, labels: {}, ...(sourceAmi ? { sourceExternalId: sourceAmi } : {}) })),
    generatedData: Object.freeze({ ...generatedData }),
    destroy: async () => {
      const signal = new AbortController().signal;
      await Promise.all([...amis].map(([region, id]) => deleteImage(clientFor(region), id, signal)));
    },
  };
}
