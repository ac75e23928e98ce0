// tsbuild cleanup's Azure cleaner: deletes a recorded resource by its ARM ID (a resource group with everything in
// it) and waits until it is gone. Credentials come from the cleanup's environment (no secret is in the journal):
// AZURE_CLIENT_SECRET or AZURE_CLIENT_CERTIFICATE_PATH for the recorded service principal (AZURE_CLIENT_ID and
// AZURE_TENANT_ID may override the recorded ones), else the recorded Azure CLI login or managed identity.
// Loads the SDK: reached only through load.ts.

import type { AuthMethod } from './access-config.js';
import { cloudOf } from './clouds.js';
import { isNotFound } from './errors.js';
import { API_VERSIONS, byIdPath, typeOfId, type AzureAccess } from './journal-data.js';
import { untilDone } from './operations.js';
import { makeClients, makeCredential } from './sdk.js';

type Env = Readonly<Record<string, string | undefined>>;

export const AZURE_CREDENTIALS_HINT =
  'tsbuild cleanup authenticates with AZURE_CLIENT_SECRET (or AZURE_CLIENT_CERTIFICATE_PATH) for the service principal the build used, or with the Azure CLI login or managed identity the build used: secrets a template gave are not kept';

function cleanupMethod(d: Partial<AzureAccess>, env: Env): AuthMethod {
  if (env.AZURE_CLIENT_SECRET) return 'secret';
  if (env.AZURE_CLIENT_CERTIFICATE_PATH) return 'certificate';
  if (d.auth === 'cli' || d.auth === 'managed-identity') return d.auth;
  throw new Error(`No credentials for Azure. ${AZURE_CREDENTIALS_HINT}`);
}

/** Deletes the resource `d` describes and waits until it is gone; 'gone' when it was not there. */
export async function cleanAzureResource(d: Partial<AzureAccess> & { id?: string; apiVersion?: string }, env: Env): Promise<'removed' | 'gone'> {
  const id = d.id!;
  const cloud = cloudOf(d.cloud, d.endpoint ? { TSBUILD_AZURE_ENDPOINT: d.endpoint } : env);
  const credential = makeCredential(cleanupMethod(d, env), env.AZURE_TENANT_ID || d.tenantId || '', { clientId: env.AZURE_CLIENT_ID || d.clientId, clientSecret: env.AZURE_CLIENT_SECRET, certPath: env.AZURE_CLIENT_CERTIFICATE_PATH }, cloud);
  const { resources } = makeClients(credential, cloud, d.subscriptionId ?? '');
  const apiVersion = d.apiVersion || API_VERSIONS[typeOfId(id).toLowerCase()] || '2021-04-01';
  const signal = new AbortController().signal;
  try {
    await resources.resources.getById(byIdPath(id), apiVersion);
  } catch (e) {
    if (isNotFound(e)) return 'gone';
    throw e;
  }
  await untilDone(await resources.resources.beginDeleteById(byIdPath(id), apiVersion), signal);
  return 'removed';
}
