// The registry's wire types: the JSON bodies of HCP Packer's 2023-01-01 API (same field names and enum values), which
// the server returns and clients read. Timestamps are RFC 3339 strings. A self-hosted server has one organization and
// one project, both named `default`.

export const API_PREFIX = '/packer/2023-01-01/organizations/default/projects/default';

export type VersionStatus = 'VERSION_RUNNING' | 'VERSION_ACTIVE' | 'VERSION_FAILED' | 'VERSION_CANCELLED' | 'VERSION_REVOKED' | 'VERSION_REVOCATION_SCHEDULED';
export type BuildStatus = 'BUILD_UNSET' | 'BUILD_RUNNING' | 'BUILD_DONE' | 'BUILD_CANCELLED' | 'BUILD_FAILED';
export const BUILD_STATUSES: readonly BuildStatus[] = ['BUILD_UNSET', 'BUILD_RUNNING', 'BUILD_DONE', 'BUILD_CANCELLED', 'BUILD_FAILED'];
export type TokenScope = 'read' | 'write' | 'admin';
export const TOKEN_SCOPES: readonly TokenScope[] = ['read', 'write', 'admin'];

/** A token as GET /tokens lists it (admin tokens only): never its secret nor its hash. */
export interface TokenInfo {
  id: string;
  scope: TokenScope;
  description: string;
  /** Who created it: `cli:<user>` for `tsbuild registry token create`. */
  author_id: string;
  created_at: string;
}

export type Labels = Record<string, string>;

export interface Bucket {
  id: string;
  name: string;
  description: string;
  labels: Labels;
  /** Platforms of the latest complete version's builds (`aws`, `docker`...). */
  platforms: string[];
  /** Versions ever completed in the bucket (HCP sends a string). */
  version_count: string;
  latest_version?: Version;
  created_at: string;
  updated_at: string;
}

export interface Artifact {
  external_identifier: string;
  region: string;
  labels: Labels;
  created_at: string;
}

export interface Build {
  id: string;
  version_id: string;
  component_type: string;
  platform: string;
  status: BuildStatus;
  labels: Labels;
  packer_run_uuid: string;
  source_external_identifier: string;
  metadata: Record<string, unknown>;
  artifacts: Artifact[];
  /** The registry version the build's source image came from (ancestry), and the channel it was read through. */
  parent_version_id?: string;
  parent_channel_id?: string;
  author_id: string;
  created_at: string;
  updated_at: string;
}

export interface RevokedAncestor {
  id: string;
  name: string;
  fingerprint: string;
  bucket_name: string;
}

export interface Version {
  id: string;
  bucket_name: string;
  /** `v0` while incomplete, then `v1`, `v2`... in order of completion. */
  name: string;
  fingerprint: string;
  status: VersionStatus;
  author_id: string;
  builds: Build[];
  revoke_at?: string;
  revocation_message?: string;
  revocation_author?: string;
  revocation_type?: 'MANUAL' | 'INHERITED';
  revocation_inherited_from?: RevokedAncestor;
  /** The version this one was built from (another bucket's), for ancestry. */
  parent_version_id?: string;
  /** Present when a parent is recorded: the bucket's ancestry route and the parents' overall status. */
  parents?: { href: string; status: AncestryStatus };
  has_descendants: boolean;
  created_at: string;
  updated_at: string;
}

export type AncestryStatus = 'UNDETERMINED' | 'UP_TO_DATE' | 'OUT_OF_DATE';

/** One parent-child relation between buckets, as HCP's ListBucketAncestry returns it. */
export interface BucketAncestry {
  parent: {
    bucket_name: string;
    version_id: string;
    version_name: string;
    version_fingerprint: string;
    /** The channel the child was built from, when known. */
    channel_name?: string;
    /** The version that channel points at now. */
    channel_version?: { id: string; name: string; fingerprint: string };
  };
  child: { bucket_name: string; version_id: string; version_name: string; version_fingerprint: string };
  /** UP_TO_DATE while the channel still points at the parent, OUT_OF_DATE once it moved, UNDETERMINED without a channel. */
  status: AncestryStatus;
}

export interface Channel {
  id: string;
  bucket_name: string;
  name: string;
  restricted: boolean;
  /** The `latest` channel, which the registry assigns itself. */
  managed: boolean;
  author_id: string;
  version?: Version;
  created_at: string;
  updated_at: string;
}

export interface ChannelAssignment {
  /** Absent when the channel was unassigned. */
  version?: Version;
  author_id: string;
  assigned_at: string;
}

/** A page of a list: `next_page_token` is absent on the last page. */
export interface Page<T> {
  items: T[];
  next_page_token?: string;
}

export interface PageRequest {
  page_size?: number;
  next_page_token?: string;
}

/** A version that published an image, as the artifact lookup returns it. */
export interface ArtifactVersion {
  external_identifier: string;
  region: string;
  version: Version;
}
