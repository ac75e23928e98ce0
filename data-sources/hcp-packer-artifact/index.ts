import type { DataSourcePlugin } from '../../src/plugin/plugins.js';
import { checkNotRevoked, findAssignedChannel, findVersionByFingerprint, registryClient } from '../hcp-packer-version/resolve.js';
import { hcpPackerArtifactConfig, hcpPackerArtifactOutput } from './config.js';

/**
 * hcp-packer-artifact: the artifact of a platform and region (and build, with component_type) in the version of a
 * channel or of a fingerprint, read from tsbuild's image registry. A revoked version fails; when nothing matches,
 * the message lists the regions the version has for the platform. A build that publishes records the version as
 * its parent (src/publish/parents.ts).
 */
export const hcpPackerArtifactDataSource: DataSourcePlugin<typeof hcpPackerArtifactConfig> = {
  kind: 'data',
  type: 'hcp-packer-artifact',
  config: hcpPackerArtifactConfig,
  outputType: hcpPackerArtifactOutput,
  execute: async (c, ctx) => {
    const client = registryClient(ctx);
    const channel = c.channel_name ? await findAssignedChannel(client, c.bucket_name, c.channel_name) : undefined;
    const version = channel?.version ?? (await findVersionByFingerprint(client, c.bucket_name, c.version_fingerprint));
    checkNotRevoked(version, ctx);
    const available: string[] = [];
    for (const build of version.builds) {
      if (build.platform !== c.platform) continue;
      for (const artifact of build.artifacts) {
        available.push(`${artifact.region} (${build.component_type})`);
        if (artifact.region !== c.region || (c.component_type && build.component_type !== c.component_type)) continue;
        return {
          platform: build.platform,
          component_type: build.component_type,
          created_at: artifact.created_at,
          build_id: build.id,
          version_id: build.version_id,
          channel_id: channel?.id ?? '',
          packer_run_uuid: build.packer_run_uuid,
          external_identifier: artifact.external_identifier,
          region: artifact.region,
          labels: build.labels,
        };
      }
    }
    const wanted = `platform "${c.platform}", region "${c.region}"${c.component_type ? `, component_type "${c.component_type}"` : ''}`;
    const platforms = [...new Set(version.builds.flatMap((b) => (b.artifacts.length ? [b.platform] : [])))];
    const has = available.length ? `its ${c.platform} artifacts are in: ${available.join(', ')}` : `it has no ${c.platform} artifact (platforms: ${platforms.join(', ') || 'none'})`;
    throw new Error(`version ${version.name} (fingerprint ${version.fingerprint}) of bucket "${version.bucket_name}" has no artifact for ${wanted}: ${has}`);
  },
};
