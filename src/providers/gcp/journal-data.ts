// What the resource journal keeps of a Compute Engine resource: enough for `tsbuild cleanup` to reach the API again
// and find it. Never a secret: cleanup finds credentials in GOOGLE_APPLICATION_CREDENTIALS or application default
// credentials, or in the credentials file the template named (its path only is kept).
//
// Every GCE record's data has the fields of GceAccess; then, by kind:
// - gce-instance: `zone`, `name`, `operation` (the insert's, once known: cleanup waits for it before deleting).
// - gce-disk: `zone`, `name` (the boot disk, kept when the instance is deleted; recorded before the instance, so
//   that cleanup, newest first, deletes the instance that uses it first).
// - gce-image: `name`, `operation` (the insert's, once known).
// - gce-oslogin-key: `user`, `fingerprint` (a temporary key imported into the user's OS Login profile; recorded
//   before the import).
// Instance and disk records also keep the insert's `requestId` (Compute's clientOperationId of its operation), so
// that cleanup finds the operation of an insert the run was killed in the middle of.

import type { GcpAccessConfig } from './access-config.js';

export interface GceAccess {
  project: string;
  /** custom_endpoints.compute, '' for Google's. */
  endpoint: string;
  /** account_file or credentials_file when it is a path; '' otherwise. */
  credentialsFile: string;
  impersonate: string;
  iamEndpoint: string;
  /** custom_endpoints.oslogin, '' for Google's. */
  osloginEndpoint: string;
}

export function gceAccessData(c: GcpAccessConfig, cwd: string): GceAccess {
  const file = c.account_file || c.credentials_file || '';
  return {
    project: c.project_id ?? '',
    endpoint: c.custom_endpoints?.compute ?? '',
    credentialsFile: file && !file.trim().startsWith('{') ? (file.startsWith('/') ? file : `${cwd}/${file}`) : '',
    impersonate: c.impersonate_service_account ?? '',
    iamEndpoint: c.custom_endpoints?.iamcredentials ?? '',
    osloginEndpoint: c.custom_endpoints?.oslogin ?? '',
  };
}

/** The access configuration a recorded resource was made with, as far as the journal kept it. */
export function recordedGcpAccess(d: Partial<GceAccess>): GcpAccessConfig {
  const endpoints = {
    ...(d.endpoint ? { compute: d.endpoint } : {}),
    ...(d.iamEndpoint ? { iamcredentials: d.iamEndpoint } : {}),
    ...(d.osloginEndpoint ? { oslogin: d.osloginEndpoint } : {}),
  };
  return {
    project_id: d.project,
    credentials_file: d.credentialsFile || undefined,
    impersonate_service_account: d.impersonate || undefined,
    custom_endpoints: Object.keys(endpoints).length > 0 ? endpoints : undefined,
    scopes: [],
  };
}
