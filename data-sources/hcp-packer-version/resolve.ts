// What both registry data sources share: the client from the environment, a bucket's channel or version found with
// messages that say what exists, and HCP's rule on revocation (a revoked version stops the build; one scheduled for
// revocation still works until then, with a warning).

import { clientFromEnv, REGISTRY_TOKEN_ENV, REGISTRY_URL_ENV, type RegistryClient } from '../../registry/api/client.js';
import type { Channel, Version } from '../../registry/api/types.js';
import type { DataSourceContext } from '../../src/plugin/plugins.js';

export function registryClient(ctx: DataSourceContext): RegistryClient {
  const client = clientFromEnv(ctx.env);
  if (!client) throw new Error(`${REGISTRY_URL_ENV} is not set: set it to the address of the image registry (\`tsbuild registry serve\`), and ${REGISTRY_TOKEN_ENV} to one of its tokens`);
  return client;
}

/** The channel, with the version assigned to it; throws when the bucket, the channel or the assignment is missing. */
export async function findAssignedChannel(client: RegistryClient, bucket: string, name: string): Promise<Channel & { version: Version }> {
  const channel = await client.findChannel(bucket, name);
  if (!channel) {
    if (!(await client.findBucket(bucket))) throw new Error(`bucket "${bucket}" not found in the image registry at ${client.url}`);
    const names = (await client.listChannels(bucket)).map((c) => c.name);
    throw new Error(`channel "${name}" not found in bucket "${bucket}" (its channels: ${names.join(', ') || 'none'})`);
  }
  if (!channel.version) throw new Error(`there is no version assigned to channel "${name}" of bucket "${bucket}"`);
  return channel as Channel & { version: Version };
}

/** The version of that fingerprint; throws when the bucket or the version is missing. */
export async function findVersionByFingerprint(client: RegistryClient, bucket: string, fingerprint: string): Promise<Version> {
  const version = await client.findVersion(bucket, fingerprint);
  if (version) return version;
  if (!(await client.findBucket(bucket))) throw new Error(`bucket "${bucket}" not found in the image registry at ${client.url}`);
  throw new Error(`version fingerprint "${fingerprint}" not found in bucket "${bucket}"`);
}

/** Throws for a revoked version (naming the ancestor it inherits revocation from); warns for a scheduled one. */
export function checkNotRevoked(version: Version, ctx: DataSourceContext): void {
  const what = `version ${version.name} (fingerprint ${version.fingerprint}) of bucket "${version.bucket_name}"`;
  const message = version.revocation_message ? `: ${version.revocation_message}` : '';
  if (version.status === 'VERSION_REVOKED') {
    const from = version.revocation_inherited_from;
    const inherited = from ? ` (inherited from version ${from.name} of bucket "${from.bucket_name}")` : '';
    throw new Error(`${what} is revoked${inherited}${message}; a revoked version cannot be used in builds`);
  }
  if (version.status === 'VERSION_REVOCATION_SCHEDULED') {
    ctx.ui.warn(`${what} is scheduled for revocation at ${version.revoke_at}${message}; it can be used until then`);
  }
}
