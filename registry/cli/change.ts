// `tsbuild registry channel set | revoke | restore`: the changes a person or a script makes (a write or admin token).
// With `-json` each prints the changed API object (the channel, the version).

import type { CliIO } from '../../src/cli/io.js';
import type { Version } from '../api/types.js';
import { print, withClient, type OutputOptions } from './client-command.js';

export function setChannel(bucket: string, channel: string, fingerprint: string, o: OutputOptions, io: CliIO): Promise<number> {
  return withClient(io, async (client) => {
    const changed = await client.assignChannel(bucket, channel, fingerprint);
    print(io, o, changed, () => `Channel ${changed.name} of bucket ${bucket} now points at ${changed.version?.name ?? '-'} (${fingerprint}).\n`);
  });
}

export interface RevokeOptions extends OutputOptions {
  /** An RFC 3339 time. */
  at?: string;
  /** A duration such as `72h`; neither `at` nor `in` means now. */
  in?: string;
  message?: string;
  skipDescendants?: boolean;
  /** Commander's reading of `-no-rollback`: false when given. */
  rollback?: boolean;
}

export async function revoke(bucket: string, fingerprint: string, o: RevokeOptions, io: CliIO): Promise<number> {
  if (o.at !== undefined && o.in !== undefined) {
    io.stderr.write('Error: give -at TIME or -in DURATION, not both\n');
    return 1;
  }
  const change = {
    ...(o.at !== undefined ? { revoke_at: o.at } : { revoke_in: o.in ?? '0s' }),
    ...(o.message !== undefined ? { revocation_message: o.message } : {}),
    ...(o.skipDescendants ? { skip_descendants_revocation: true } : {}),
    ...(o.rollback === false ? { disable_rollback_channels: true } : {}),
  };
  return withClient(io, async (client) => {
    const version = await client.updateVersion(bucket, fingerprint, change);
    print(io, o, version, () => describe(bucket, version));
  });
}

export function restore(bucket: string, fingerprint: string, o: OutputOptions, io: CliIO): Promise<number> {
  return withClient(io, async (client) => {
    const version = await client.updateVersion(bucket, fingerprint, { restore: true });
    print(io, o, version, () => describe(bucket, version));
  });
}

function describe(bucket: string, v: Version): string {
  const what = `Version ${v.name} (${v.fingerprint}) of bucket ${bucket}`;
  if (v.status === 'VERSION_REVOKED') return `${what} is revoked${v.revocation_message ? `: ${v.revocation_message}` : ''}.\n`;
  if (v.status === 'VERSION_REVOCATION_SCHEDULED') return `${what} will be revoked at ${v.revoke_at}${v.revocation_message ? `: ${v.revocation_message}` : ''}.\n`;
  return `${what} is ${v.status.replace(/^VERSION_/, '').toLowerCase()}.\n`;
}
