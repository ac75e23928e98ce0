// The body of HCP's UpdateVersion (`PATCH .../versions/{fingerprint}`): a revocation, now (`revoke_in: "0s"`), after a
// duration or at a time, or `restore: true`.

export type VersionChange =
  | {
      revoke_at?: string;
      revoke_in?: string;
      revocation_message?: string;
      skip_descendants_revocation?: boolean;
      disable_rollback_channels?: boolean;
    }
  | { restore: true };
