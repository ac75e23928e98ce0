// The tables as Kysely sees them. Both databases store the same column types: text (ids are ULIDs, timestamps
// RFC 3339 strings that sort as they compare, labels and metadata JSON) and integer (counters, 0/1 flags), so that one
// query runs unchanged on SQLite and PostgreSQL.

export interface BucketsTable {
  id: string;
  name: string;
  description: string;
  labels: string;
  /** Versions ever completed: the number of the next completed version is this plus one. */
  version_count: number;
  author_id: string;
  created_at: string;
  updated_at: string;
}

export interface VersionsTable {
  id: string;
  bucket_id: string;
  fingerprint: string;
  /** Null while incomplete; 1, 2... in order of completion (unique per bucket). */
  number: number | null;
  /** VERSION_RUNNING, VERSION_ACTIVE, VERSION_FAILED or VERSION_CANCELLED: revocation is kept apart (revoke_at). */
  status: string;
  author_id: string;
  parent_version_id: string | null;
  revoke_at: string | null;
  revocation_message: string | null;
  revocation_author: string | null;
  /** The ancestor whose revocation this version inherited; null for a revocation of its own. */
  revocation_inherited_from: string | null;
  /** 0 when the revocation was made with `disable_rollback_channels`: user channels keep pointing at the version. */
  rollback_channels: number;
  created_at: string;
  updated_at: string;
}

export interface BuildsTable {
  id: string;
  version_id: string;
  component_type: string;
  platform: string;
  status: string;
  labels: string;
  packer_run_uuid: string;
  source_external_identifier: string;
  metadata: string;
  /** The registry version this build's source image came from, and the channel it was read through, if known. */
  parent_version_id: string | null;
  parent_channel_id: string | null;
  author_id: string;
  created_at: string;
  updated_at: string;
}

export interface ArtifactsTable {
  id: string;
  build_id: string;
  external_identifier: string;
  region: string;
  labels: string;
  created_at: string;
}

export interface ChannelsTable {
  id: string;
  bucket_id: string;
  name: string;
  restricted: number;
  managed: number;
  version_id: string | null;
  author_id: string;
  created_at: string;
  updated_at: string;
}

export interface ChannelAssignmentsTable {
  id: string;
  channel_id: string;
  version_id: string | null;
  author_id: string;
  assigned_at: string;
}

export interface TokensTable {
  id: string;
  /** SHA-256 of the token, hex: the token itself is never stored. */
  hash: string;
  scope: string;
  description: string;
  author_id: string;
  created_at: string;
}

export interface Database {
  buckets: BucketsTable;
  versions: VersionsTable;
  builds: BuildsTable;
  artifacts: ArtifactsTable;
  channels: ChannelsTable;
  channel_assignments: ChannelAssignmentsTable;
  tokens: TokensTable;
}
