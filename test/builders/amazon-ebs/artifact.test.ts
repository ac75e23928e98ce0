// The amazon-ebs artifact as Packer's: its id, its text, and what the image registry records of it.

import { describe, expect, it } from 'vitest';
import { amiArtifact, BUILDER_ID } from '../../../builders/amazon-ebs/artifact.js';
import { Value } from '../../../src/value/value.js';

const noClient = () => {
  throw new Error('no EC2 client in this test');
};

describe('amazon-ebs artifact', () => {
  const amis = new Map([
    ['us-west-2', 'ami-0b'],
    ['us-east-1', 'ami-0a'],
    ['eu-west-1', 'ami-0c'],
  ]);
  const artifact = amiArtifact(amis, 'ami-source', { SourceAMI: Value.string('ami-source') }, noClient);

  it('has Packer\'s id (region:ami pairs sorted, joined by commas), builder id and text', () => {
    expect(artifact.builderId).toBe(BUILDER_ID);
    expect(BUILDER_ID).toBe('mitchellh.amazonebs');
    expect(artifact.id).toBe('eu-west-1:ami-0c,us-east-1:ami-0a,us-west-2:ami-0b');
    expect(artifact.string).toBe('AMIs were created:\neu-west-1: ami-0c\nus-east-1: ami-0a\nus-west-2: ami-0b\n');
    expect(artifact.files).toEqual([]);
  });

  it('gives the registry one image per region, platform aws, with the source AMI', () => {
    expect(artifact.images).toEqual([
      { platform: 'aws', externalId: 'ami-0c', region: 'eu-west-1', labels: {}, sourceExternalId: 'ami-source' },
      { platform: 'aws', externalId: 'ami-0a', region: 'us-east-1', labels: {}, sourceExternalId: 'ami-source' },
      { platform: 'aws', externalId: 'ami-0b', region: 'us-west-2', labels: {}, sourceExternalId: 'ami-source' },
    ]);
    expect(artifact.generatedData?.SourceAMI?.asString()).toBe('ami-source');
  });
});
