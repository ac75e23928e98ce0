// The image of a channel as a Terraform state document, so that Terraform reads it with no provider to download:
//
//   data "terraform_remote_state" "image" {
//     backend = "http"
//     config = { address = "<registry>/terraform/v1/buckets/<bucket>/channels/<channel>", username = "tsbuild", password = "<read token>" }
//   }
//
// Terraform's http backend sends the token as a Basic password. The outputs: bucket, channel, version name, id and
// fingerprint, its status, whether it is revoked (and when), and the artifacts by platform and region (the first of
// each, with the others under `artifacts_all`).

import { Hono } from 'hono';
import type { Channel } from '../../api/types.js';
import type { Store } from '../../store/store.js';
import type { Caller, RegistryEnv } from '../env.js';
import { channelLookup, readableChannel } from './channels.js';

type Output = { value: unknown; type: unknown };

const str = (value: string): Output => ({ value, type: 'string' });

function outputsOf(channel: Channel, now: string): Record<string, Output> {
  const v = channel.version;
  const byPlatform: Record<string, Record<string, string>> = {};
  const all: Record<string, Record<string, string[]>> = {};
  for (const build of v?.builds ?? []) {
    for (const a of build.artifacts) {
      (byPlatform[build.platform] ??= {})[a.region] ??= a.external_identifier;
      ((all[build.platform] ??= {})[a.region] ??= []).push(a.external_identifier);
    }
  }
  const revoked = v?.status === 'VERSION_REVOKED' || (v?.revoke_at !== undefined && v.revoke_at <= now);
  return {
    bucket_name: str(channel.bucket_name),
    channel_name: str(channel.name),
    version_name: str(v?.name ?? ''),
    version_id: str(v?.id ?? ''),
    fingerprint: str(v?.fingerprint ?? ''),
    status: str(v?.status ?? ''),
    revoked: { value: revoked, type: 'bool' },
    revoke_at: str(v?.revoke_at ?? ''),
    error_revoked: str(revoked ? `version ${v!.name} (${v!.fingerprint}) of bucket ${channel.bucket_name} is revoked${v!.revocation_message ? `: ${v!.revocation_message}` : ''}` : ''),
    artifacts: { value: byPlatform, type: ['map', ['map', 'string']] },
    artifacts_all: { value: all, type: ['map', ['map', ['list', 'string']]] },
  };
}

/** A stable lineage per bucket and channel (Terraform compares it between reads of one state). */
function lineage(channel: Channel): string {
  const hex = Buffer.from(channel.id.padEnd(16, '0').slice(0, 16)).toString('hex').slice(0, 32).padEnd(32, '0');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/** The state document of a channel as the caller may see it. */
export async function stateDocument(store: Store, caller: Caller, bucket: string, name: string): Promise<string> {
  const channel = await readableChannel(store, caller, bucket, name);
  const history = channel.updated_at.replace(/\D/g, '').slice(0, 14);
  return JSON.stringify({
    version: 4,
    terraform_version: '1.0.0',
    serial: Number(history) || 1,
    lineage: lineage(channel),
    outputs: outputsOf(channel, store.now()),
    resources: [],
  });
}

export const terraformRoutes = new Hono<RegistryEnv>().get('/buckets/:bucket/channels/:channel', (c) => channelLookup(c, 'terraform', stateDocument));
