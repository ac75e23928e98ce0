// `tsbuild registry buckets | versions BUCKET | builds BUCKET FINGERPRINT | channels BUCKET`: the registry's contents,
// a table for people, or with `-json` the API objects (an array) for scripts.

import type { CliIO } from '../../src/cli/io.js';
import type { Build, Version } from '../api/types.js';
import { print, withClient, type OutputOptions } from './client-command.js';
import { formatTable } from './table.js';

/** `v2 (fingerprint)`, or empty for no version. */
const versionCell = (v: Version | undefined): string => (v ? `${v.name} (${v.fingerprint})` : '');
/** `VERSION_REVOKED` reads `REVOKED` in a table. */
const statusCell = (status: string): string => status.replace(/^(VERSION|BUILD)_/, '');

export function listBuckets(o: OutputOptions, io: CliIO): Promise<number> {
  return withClient(io, async (client) => {
    const buckets = await client.listBuckets();
    print(io, o, buckets, () =>
      formatTable(
        ['NAME', 'LATEST', 'VERSIONS', 'PLATFORMS', 'DESCRIPTION'],
        buckets.map((b) => [b.name, versionCell(b.latest_version), b.version_count, b.platforms.join(','), b.description]),
      ),
    );
  });
}

export function listVersions(bucket: string, o: OutputOptions, io: CliIO): Promise<number> {
  return withClient(io, async (client) => {
    const versions = await client.listVersions(bucket);
    print(io, o, versions, () =>
      formatTable(
        ['NAME', 'FINGERPRINT', 'STATUS', 'BUILDS', 'REVOKE AT', 'CREATED'],
        versions.map((v) => [v.name, v.fingerprint, statusCell(v.status), String(v.builds.length), v.revoke_at ?? '', v.created_at]),
      ),
    );
  });
}

/** The git commit a build recorded (its `vcs` metadata), shortened, `-dirty` with uncommitted changes; else empty. */
function commitCell(b: Build): string {
  const vcs = b.metadata.vcs as { details?: { commit?: unknown; has_uncommitted_changes?: unknown } } | undefined;
  const commit = vcs?.details?.commit;
  if (typeof commit !== 'string') return '';
  return `${commit.slice(0, 12)}${vcs?.details?.has_uncommitted_changes === true ? '-dirty' : ''}`;
}

/** One row per artifact (a build without artifacts still gets its row). */
function buildRows(b: Build): string[][] {
  const head = [b.component_type, b.platform, statusCell(b.status)];
  if (b.artifacts.length === 0) return [[...head, '', '', commitCell(b), b.id]];
  return b.artifacts.map((a) => [...head, a.region, a.external_identifier, commitCell(b), b.id]);
}

export function listBuilds(bucket: string, fingerprint: string, o: OutputOptions, io: CliIO): Promise<number> {
  return withClient(io, async (client) => {
    const builds = await client.listBuilds(bucket, fingerprint);
    print(io, o, builds, () => formatTable(['COMPONENT', 'PLATFORM', 'STATUS', 'REGION', 'ARTIFACT', 'COMMIT', 'BUILD ID'], builds.flatMap(buildRows)));
  });
}

export function listChannels(bucket: string, o: OutputOptions, io: CliIO): Promise<number> {
  return withClient(io, async (client) => {
    const channels = await client.listChannels(bucket);
    print(io, o, channels, () =>
      formatTable(
        ['NAME', 'VERSION', 'STATUS', 'KIND', 'UPDATED'],
        channels.map((c) => [c.name, versionCell(c.version), c.version ? statusCell(c.version.status) : '', c.managed ? 'managed' : c.restricted ? 'restricted' : 'user', c.updated_at]),
      ),
    );
  });
}
