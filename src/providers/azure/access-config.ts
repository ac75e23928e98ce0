// How the azure builders authenticate, as Packer documents it: a service principal with a secret, a certificate
// or a JWT; the Azure CLI's login; or the machine's managed identity. Secrets are sensitive. Loads no SDK.

import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { opt, type ConfigOf, type ConfigProblem, type ValidateContext } from '../../plugin/config.js';
import { checkCloudName } from './clouds.js';

export const azureAccessOptions = {
  client_id: opt.string('The application (service principal) id to authenticate as.'),
  client_secret: opt.string("The service principal's secret.").sensitive(),
  client_cert_path: opt.string("Path to a PEM file with the service principal's certificate and private key."),
  client_cert_token_timeout: opt.string('Rejected: tsbuild signs a new client assertion for every token it asks for.'),
  client_jwt: opt.string('A JWT signed with the service principal\'s certificate (client assertion), valid for 5 minutes or more.').sensitive(),
  object_id: opt.string('Rejected: only Windows builds (WinRM key vault) use it, and tsbuild builds Linux images only.'),
  subscription_id: opt.string('The subscription to build in (with managed identity: the machine\'s, when not given).'),
  tenant_id: opt.string('The directory (tenant) the service principal belongs to.'),
  use_azure_cli_auth: opt.bool('Authenticates with the Azure CLI\'s login (`az login`); client_* options are then not used.').default(false),
  cloud_environment_name: opt.string('Public (default), China or USGovernment.'),
};

export type AzureAccessConfig = ConfigOf<typeof azureAccessOptions>;

export type AuthMethod = 'secret' | 'certificate' | 'jwt' | 'cli' | 'managed-identity' | 'device';

/** Which way the options authenticate, as Packer picks it. */
export function authMethodOf(c: AzureAccessConfig): AuthMethod {
  if (c.use_azure_cli_auth) return 'cli';
  if (!c.subscription_id && !c.client_id && !c.client_secret && !c.client_jwt && !c.client_cert_path && !c.tenant_id) return 'managed-identity';
  if (c.subscription_id && !c.client_id && !c.client_secret && !c.client_jwt && !c.client_cert_path) return 'device';
  if (c.client_secret) return 'secret';
  if (c.client_cert_path) return 'certificate';
  return 'jwt';
}

const NO_VALID_SET =
  'No valid set of authentication values specified:\n' +
  '  to use the Managed Identity of the current machine, do not specify any of the fields below\n' +
  '  to use interactive user authentication, specify only subscription_id\n' +
  '  to use an Azure Active Directory service principal, specify either:\n' +
  '  - subscription_id, client_id and client_secret\n' +
  '  - subscription_id, client_id and client_cert_path\n' +
  '  - subscription_id, client_id and client_jwt.';

interface JwtParts {
  header: Record<string, unknown>;
  claims: { exp?: number };
}

function parseJwt(jwt: string): JwtParts | undefined {
  const parts = jwt.split('.');
  if (parts.length !== 3) return undefined;
  try {
    const decode = (s: string) => JSON.parse(Buffer.from(s, 'base64url').toString('utf8')) as Record<string, unknown>;
    return { header: decode(parts[0]!), claims: decode(parts[1]!) as { exp?: number } };
  } catch {
    return undefined;
  }
}

/** Packer's ClientConfig.Validate, with its messages; and what tsbuild cannot do, said. */
export function checkAzureAccess(c: AzureAccessConfig, ctx: ValidateContext): ConfigProblem[] {
  const out: ConfigProblem[] = [];
  const cloud = checkCloudName(c.cloud_environment_name);
  if (cloud) out.push({ message: cloud, attribute: 'cloud_environment_name' });
  if (c.client_cert_token_timeout !== undefined) out.push({ message: 'client_cert_token_timeout is not supported: tsbuild signs a new client assertion for every token it asks for', attribute: 'client_cert_token_timeout' });
  if (c.object_id !== undefined) out.push({ message: 'object_id is only used by Windows builds, which tsbuild does not make (it has no WinRM communicator)', attribute: 'object_id' });
  const method = authMethodOf(c);
  if (method === 'cli') {
    if (c.client_id || c.client_secret || c.client_cert_path || c.client_jwt) out.push({ message: 'use_azure_cli_auth is set: client_id, client_secret, client_cert_path and client_jwt must not be' });
    return out;
  }
  if (method === 'managed-identity') return out;
  if (method === 'device') {
    out.push({ message: 'Interactive (device code) login is not supported by tsbuild: give client_id with client_secret, client_cert_path or client_jwt, set use_azure_cli_auth, or use the managed identity', attribute: 'subscription_id' });
    return out;
  }
  const set = [c.client_secret, c.client_cert_path, c.client_jwt].filter((x) => x).length;
  if (!c.subscription_id || !c.client_id || set !== 1) {
    out.push({ message: NO_VALID_SET });
    return out;
  }
  if (c.client_cert_path) {
    try {
      statSync(resolve(ctx.cwd, c.client_cert_path));
    } catch (e) {
      out.push({ message: `client_cert_path is not an accessible file: ${(e as Error).message}`, attribute: 'client_cert_path' });
    }
  }
  if (c.client_jwt) {
    const jwt = parseJwt(c.client_jwt);
    if (!jwt) out.push({ message: 'client_jwt is not a JWT: token contains an invalid number of segments' });
    else {
      if ((jwt.claims.exp ?? 0) < Date.now() / 1000 + 300) out.push({ message: 'client_jwt will expire within 5 minutes, please use a JWT that is valid for at least 5 minutes' });
      if (!jwt.header.x5t) out.push({ message: 'client_jwt is missing the x5t header value, which is required for bearer JWT client authentication to Azure' });
    }
  }
  return out;
}
