// Whether and where a build publishes, from the template's hcp_packer_registry block and the environment, with
// Packer's names: HCP_PACKER_REGISTRY=off turns publishing off; HCP_PACKER_BUCKET_NAME names the bucket (over
// bucket_name, which falls back to the build block's name) and is enough for JSON templates;
// HCP_PACKER_BUILD_FINGERPRINT resumes a version. The registry is tsbuild's: TSBUILD_REGISTRY_URL and
// TSBUILD_REGISTRY_TOKEN (registry/api/client.ts).

import { clientFromEnv, REGISTRY_URL_ENV, type RegistryClient } from '../../registry/api/client.js';
import { newFingerprint } from '../../registry/api/fingerprint.js';
import type { RegistryBlockSettings } from '../template/hcp-registry.js';

type Env = Readonly<Record<string, string | undefined>>;

export interface PublishTarget {
  client: RegistryClient;
  bucket: string;
  settings: RegistryBlockSettings;
  fingerprint: string;
  /** The fingerprint came from HCP_PACKER_BUILD_FINGERPRINT (a version to resume). */
  resumed: boolean;
}

export type TargetResult = { kind: 'none' } | { kind: 'unset'; message: string } | { kind: 'error'; message: string } | { kind: 'publish'; target: PublishTarget };

export function publishTarget(block: RegistryBlockSettings | undefined, env: Env): TargetResult {
  if (env.HCP_PACKER_REGISTRY?.toLowerCase() === 'off') return { kind: 'none' };
  const envBucket = env.HCP_PACKER_BUCKET_NAME;
  if (!block && !envBucket) return { kind: 'none' };
  const client = clientFromEnv(env);
  if (!client) {
    // A template's block has warned already; a bucket named only in the environment is told here.
    if (block) return { kind: 'none' };
    return { kind: 'unset', message: `HCP_PACKER_BUCKET_NAME is set but ${REGISTRY_URL_ENV} is not: nothing will be published to an image registry.` };
  }
  const bucket = envBucket || block?.bucketName || block?.buildBlockName;
  if (!bucket) return { kind: 'error', message: 'hcp_packer_registry: no bucket name: set bucket_name, name the build block, or set HCP_PACKER_BUCKET_NAME.' };
  const given = env.HCP_PACKER_BUILD_FINGERPRINT;
  return { kind: 'publish', target: { client, bucket, settings: block ?? {}, fingerprint: given || newFingerprint(), resumed: Boolean(given) } };
}
