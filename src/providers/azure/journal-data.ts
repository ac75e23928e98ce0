// What the resource journal keeps of an Azure resource: enough for `tsbuild cleanup` to reach Resource Manager
// again and delete it by its ID. Never a secret: cleanup authenticates with what its environment gives
// (AZURE_CLIENT_SECRET, AZURE_CLIENT_CERTIFICATE_PATH, the Azure CLI's login or the managed identity), as the
// recorded authentication method says. Loads no SDK.
//
// Every azure-resource record's data has the fields of AzureAccess, and `id`: the resource's ARM ID (a resource
// group's deletes everything in it), `apiVersion`: the API version its type is deleted with.

import type { AzureAccessConfig } from './access-config.js';
import { authMethodOf } from './access-config.js';
import type { AzureCloud } from './clouds.js';

export interface AzureAccess {
  /** TSBUILD_AZURE_ENDPOINT when set ('' otherwise). */
  endpoint: string;
  cloud: string;
  subscriptionId: string;
  tenantId: string;
  clientId: string;
  /** How the run authenticated (secret, certificate, jwt, cli, managed-identity). */
  auth: string;
}

export function azureAccessData(c: AzureAccessConfig, cloud: AzureCloud, subscriptionId: string, tenantId: string): AzureAccess {
  return {
    endpoint: cloud.custom ? cloud.resourceManager : '',
    cloud: c.cloud_environment_name ?? '',
    subscriptionId,
    tenantId,
    clientId: c.client_id ?? '',
    auth: authMethodOf(c),
  };
}

/** The API version each type is read and deleted with. */
export const API_VERSIONS: Readonly<Record<string, string>> = {
  'microsoft.resources/resourcegroups': '2021-04-01',
  'microsoft.compute/virtualmachines': '2024-07-01',
  'microsoft.compute/disks': '2024-03-02',
  'microsoft.compute/images': '2024-07-01',
  'microsoft.compute/galleries/images/versions': '2023-07-03',
  'microsoft.network/networkinterfaces': '2024-05-01',
  'microsoft.network/publicipaddresses': '2024-05-01',
  'microsoft.network/virtualnetworks': '2024-05-01',
};

/** The resource type of an ARM ID: `Microsoft.Compute/virtualMachines`, `Microsoft.Resources/resourceGroups`. */
export function typeOfId(id: string): string {
  const m = /^\/subscriptions\/[^/]+\/resourceGroups\/[^/]+(?:\/providers\/([^/]+)\/(.+))?$/i.exec(id);
  if (!m) throw new Error(`not an Azure resource ID: ${id}`);
  if (!m[1]) return 'Microsoft.Resources/resourceGroups';
  return `${m[1]}/${m[2]!.split('/').filter((_, i) => i % 2 === 0).join('/')}`;
}

/**
 * An ARM ID as the generic by-ID operations (@azure/arm-resources' getById, beginDeleteById) take it: their path
 * is `/{resourceId}` with the ID unencoded, so its leading slash goes (else the path starts with `//`).
 */
export const byIdPath = (id: string): string => id.replace(/^\/+/, '');
