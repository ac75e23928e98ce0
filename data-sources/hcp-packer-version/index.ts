import type { DataSourcePlugin } from '../../src/plugin/plugins.js';
import { hcpPackerVersionConfig, hcpPackerVersionOutput } from './config.js';
import { checkNotRevoked, findAssignedChannel, registryClient } from './resolve.js';

/**
 * hcp-packer-version: the version a channel of a bucket points at, read from tsbuild's image registry
 * (TSBUILD_REGISTRY_URL, TSBUILD_REGISTRY_TOKEN). A revoked version fails, as HCP Packer's does. A build that
 * publishes records the version as its parent (src/publish/parents.ts).
 */
export const hcpPackerVersionDataSource: DataSourcePlugin<typeof hcpPackerVersionConfig> = {
  kind: 'data',
  type: 'hcp-packer-version',
  config: hcpPackerVersionConfig,
  outputType: hcpPackerVersionOutput,
  execute: async (c, ctx) => {
    const channel = await findAssignedChannel(registryClient(ctx), c.bucket_name, c.channel_name);
    const v = channel.version;
    checkNotRevoked(v, ctx);
    return {
      author_id: v.author_id,
      bucket_name: v.bucket_name,
      status: v.status,
      created_at: v.created_at,
      fingerprint: v.fingerprint,
      id: v.id,
      name: v.name,
      updated_at: v.updated_at,
      channel_id: channel.id,
      revoke_at: v.revoke_at ?? '',
    };
  },
};
