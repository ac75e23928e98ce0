// The Google Cloud access options Packer's googlecompute builder and data source share: project, credentials
// (a service account key file or JSON, application default credentials), impersonation, scopes and custom
// endpoints, with Packer's checks. Credentials are sensitive. Options tsbuild cannot honour are rejected.

import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { opt, type ConfigOf, type ConfigProblem, type ValidateContext } from '../../plugin/config.js';
import { computeEndpoint, ENDPOINT_KEYS } from './endpoints.js';

export const DEFAULT_SCOPES = ['https://www.googleapis.com/auth/userinfo.email', 'https://www.googleapis.com/auth/compute', 'https://www.googleapis.com/auth/devstorage.full_control'];

export const gcpAccessOptions = {
  project_id: opt.string('The project the instance and image are made in.'),
  account_file: opt.string('A service account key file (path or JSON text); otherwise GOOGLE_APPLICATION_CREDENTIALS, then application default credentials.').sensitive(),
  credentials_file: opt.string('A credentials file (service account key or authorized user): the same as account_file.'),
  credentials_json: opt.string('The JSON text of a credentials file.').sensitive(),
  impersonate_service_account: opt.string('A service account to act as (the credentials found must be allowed to make its tokens).'),
  access_token: opt.string('An OAuth 2.0 access token to call the API with, instead of credentials.').sensitive(),
  scopes: opt.strings('The OAuth scopes of the instance\'s service account (default: userinfo.email, compute, devstorage.full_control).').defaultIfEmpty(DEFAULT_SCOPES),
  custom_endpoints: opt.stringMap('API endpoints to use instead of Google\'s, by service: `compute` (such as https://compute.example.com/compute/v1/), `iamcredentials`, `oslogin`.'),
  vault_gcp_oauth_engine: opt.string('Rejected: tsbuild does not get tokens from HashiCorp Vault.'),
};

export type GcpAccessConfig = ConfigOf<typeof gcpAccessOptions>;

/** Packer's Authentication.Prepare checks and messages, then the endpoints. */
export function checkGcpAccess(c: GcpAccessConfig, ctx: ValidateContext): ConfigProblem[] {
  const out: ConfigProblem[] = [];
  if (!c.project_id) out.push({ message: 'a project_id must be specified', attribute: 'project_id' });
  const files = [c.account_file, c.credentials_file, c.credentials_json].filter((v) => v);
  if (files.length > 1) out.push({ message: 'You cannot specify more than one of account_file, credentials_file and credentials_json' });
  if (c.access_token && (files.length > 0 || c.impersonate_service_account)) out.push({ message: 'You cannot specify access_token together with credentials or impersonate_service_account', attribute: 'access_token' });
  if (c.vault_gcp_oauth_engine) out.push({ message: '`vault_gcp_oauth_engine` is not supported by tsbuild: read a token from Vault into access_token', attribute: 'vault_gcp_oauth_engine' });
  for (const key of ['account_file', 'credentials_file'] as const) {
    const v = c[key];
    if (v && !v.trim().startsWith('{') && !existsSync(resolve(ctx.cwd, v))) out.push({ message: `${key} path does not exist: ${v}`, attribute: key });
  }
  if (c.credentials_json) {
    try {
      JSON.parse(c.credentials_json);
    } catch {
      out.push({ message: 'credentials_json is not valid JSON', attribute: 'credentials_json' });
    }
  }
  for (const [key, url] of Object.entries(c.custom_endpoints ?? {})) {
    if (!(ENDPOINT_KEYS as readonly string[]).includes(key)) {
      out.push({ message: `custom_endpoints: tsbuild calls no "${key}" API; it uses ${ENDPOINT_KEYS.join(', ')}`, attribute: 'custom_endpoints' });
    } else if (key === 'compute' ? !computeEndpoint(url) : !/^https?:\/\//.test(url)) {
      out.push({ message: `custom_endpoints.${key} must be an http or https URL such as https://compute.example.com/compute/v1/; got "${url}"`, attribute: 'custom_endpoints' });
    }
  }
  return out;
}
