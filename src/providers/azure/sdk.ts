// The Azure SDK's clients for a build or a cleanup: a credential as the options (or, for cleanup, the environment)
// say, and the Resource Manager clients of the cloud. Loads @azure/identity and @azure/arm-*: reached only through
// load.ts.

import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { ComputeManagementClient } from '@azure/arm-compute';
import type { NetworkManagementClient } from '@azure/arm-network';
import { ResourceManagementClient } from '@azure/arm-resources';
import type { TokenCredential } from '@azure/core-auth';
import { AzureCliCredential, ClientAssertionCredential, ClientCertificateCredential, ClientSecretCredential, ManagedIdentityCredential } from '@azure/identity';
import { authMethodOf, type AuthMethod, type AzureAccessConfig } from './access-config.js';
import { cloudOf, type AzureCloud } from './clouds.js';
import { watchTokenRequests } from './token-failure.js';

type Env = Readonly<Record<string, string | undefined>>;

export interface AzureConnection {
  cloud: AzureCloud;
  subscriptionId: string;
  tenantId: string;
  compute: ComputeManagementClient;
  /** The network client, loaded on first use: @azure/arm-network alone takes over a second to load. */
  network(): Promise<NetworkManagementClient>;
  resources: ResourceManagementClient;
}

export interface Secrets {
  clientId?: string;
  clientSecret?: string;
  /** A PEM file with the certificate and its private key. */
  certPath?: string;
  jwt?: string;
}

/** A credential for `method`; the authority is the cloud's (instance discovery off for a custom endpoint). */
export function makeCredential(method: AuthMethod, tenantId: string, s: Secrets, cloud: AzureCloud): TokenCredential {
  const watch = watchTokenRequests(cloud.authorityHost, tenantId);
  const options = { authorityHost: cloud.authorityHost, disableInstanceDiscovery: cloud.custom, ...watch.options };
  switch (method) {
    case 'secret':
      return watch.explain(new ClientSecretCredential(tenantId, s.clientId!, s.clientSecret!, options));
    case 'certificate':
      return watch.explain(new ClientCertificateCredential(tenantId, s.clientId!, { certificatePath: s.certPath! }, options));
    case 'jwt': {
      const jwt = s.jwt!;
      return watch.explain(new ClientAssertionCredential(tenantId, s.clientId!, () => Promise.resolve(jwt), options));
    }
    case 'cli':
      return new AzureCliCredential(tenantId ? { tenantId } : {});
    case 'managed-identity':
      return new ManagedIdentityCredential();
    default:
      throw new Error('Interactive (device code) login is not supported by tsbuild');
  }
}

/**
 * The directory a subscription belongs to, as Packer finds it when tenant_id is not given: Resource Manager's
 * answer to an unauthenticated request names its authority (WWW-Authenticate: Bearer authorization_uri=".../<tenant>").
 */
export async function findTenantId(cloud: AzureCloud, subscriptionId: string, signal: AbortSignal): Promise<string> {
  const url = `${cloud.resourceManager}/subscriptions/${encodeURIComponent(subscriptionId)}?api-version=2016-06-01`;
  const res = await fetch(url, { signal });
  const header = res.headers.get('www-authenticate') ?? '';
  const tenant = /authorization_uri="[^"]*\/([^/"]+)"/.exec(header)?.[1];
  if (!tenant) throw new Error(`Could not find the tenant of subscription ${subscriptionId} (Resource Manager answered HTTP ${res.status} without naming its authority): set tenant_id`);
  return tenant;
}

/**
 * The subscription of the machine's managed identity, from the instance metadata service (as Packer does): at the
 * address the SDK's managed identity credential asks for tokens (AZURE_POD_IDENTITY_AUTHORITY_HOST, as AKS pod
 * identity sets it, or 169.254.169.254).
 */
async function subscriptionFromImds(env: Env, signal: AbortSignal): Promise<string> {
  const timeout = AbortSignal.any([signal, AbortSignal.timeout(5000)]);
  const imds = env.AZURE_POD_IDENTITY_AUTHORITY_HOST?.replace(/\/+$/, '') || 'http://169.254.169.254';
  try {
    const res = await fetch(`${imds}/metadata/instance/compute/subscriptionId?api-version=2017-08-01&format=text`, { headers: { Metadata: 'true' }, signal: timeout });
    if (res.ok) return (await res.text()).trim();
    throw new Error(`HTTP ${res.status}`);
  } catch (e) {
    throw new Error(`error fetching subscriptionID from VM metadata service for Managed Identity authentication: ${(e as Error).message}`, { cause: e });
  }
}

export function makeClients(credential: TokenCredential, cloud: AzureCloud, subscriptionId: string): Pick<AzureConnection, 'compute' | 'network' | 'resources'> {
  const scopes = [`${cloud.resourceManager}/.default`];
  const common = { endpoint: cloud.resourceManager, userAgentOptions: { userAgentPrefix: 'tsbuild' } };
  let network: Promise<NetworkManagementClient> | undefined;
  return {
    compute: new ComputeManagementClient(credential, subscriptionId, { ...common, credentials: { scopes } }),
    network: () => (network ??= import('./network-client.js').then((m) => m.makeNetworkClient(credential, subscriptionId, { ...common, credentialScopes: scopes }))),
    resources: new ResourceManagementClient(credential, subscriptionId, { ...common, credentialScopes: scopes }),
  };
}

/** The clients a build uses, authenticated as its options say. */
export async function openAzure(c: AzureAccessConfig, env: Env, cwd: string, signal: AbortSignal): Promise<AzureConnection> {
  const cloud = cloudOf(c.cloud_environment_name, env);
  const method = authMethodOf(c);
  const subscriptionId = c.subscription_id || (method === 'managed-identity' ? await subscriptionFromImds(env, signal) : '');
  if (!subscriptionId) throw new Error('subscription_id must be given');
  const tenantId = c.tenant_id || (method === 'cli' || method === 'managed-identity' ? '' : await findTenantId(cloud, subscriptionId, signal));
  const secrets: Secrets = { clientId: c.client_id, clientSecret: c.client_secret, jwt: c.client_jwt, certPath: c.client_cert_path && resolve(cwd, c.client_cert_path) };
  if (secrets.certPath) await readFile(secrets.certPath);
  const credential = makeCredential(method, tenantId, secrets, cloud);
  return { cloud, subscriptionId, tenantId, ...makeClients(credential, cloud, subscriptionId) };
}
