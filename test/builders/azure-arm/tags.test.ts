import { describe, expect, it } from 'vitest';
import { tagsOf } from '../../../builders/azure-arm/config.js';

describe('azure-arm tags', () => {
  it('adds each azure_tag block to azure_tags, a later one winning', () => {
    expect(tagsOf({ azure_tags: { team: 'base', env: 'dev' }, azure_tag: [{ name: 'env', value: 'prod' }, { name: 'owner', value: 'ops' }] })).toEqual({ team: 'base', env: 'prod', owner: 'ops' });
    expect(tagsOf({ azure_tags: { team: 'base' }, azure_tag: [] })).toEqual({ team: 'base' });
  });
});
