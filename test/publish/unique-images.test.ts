import { describe, expect, it } from 'vitest';
import { uniqueImages } from '../../src/publish/publisher.js';

describe('uniqueImages', () => {
  it('records an image once per platform, id and region, keeping the source an earlier entry knew and adding later labels', () => {
    const built = { platform: 'docker', externalId: 'sha256:a', region: 'docker', labels: {}, sourceExternalId: 'sha256:base' };
    const tagged = { platform: 'docker', externalId: 'sha256:a', region: 'docker', labels: { tags: 'app:1.0' } };
    const ami = { platform: 'aws', externalId: 'ami-1', region: 'us-east-1', labels: {} };
    const copy = { platform: 'aws', externalId: 'ami-1', region: 'eu-west-1', labels: {} };
    expect(uniqueImages([built, ami, tagged, ami, copy])).toEqual([
      { platform: 'docker', externalId: 'sha256:a', region: 'docker', labels: { tags: 'app:1.0' }, sourceExternalId: 'sha256:base' },
      ami,
      copy,
    ]);
  });
});
