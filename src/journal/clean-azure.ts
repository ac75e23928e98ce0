// Deleting Azure resources a killed run left, from what the journal kept (src/providers/azure/journal-data.ts).
// The cleaner loads the Azure SDK: only when a journal lists an Azure resource.

import { loadAzureCleaner } from '../providers/azure/load.js';
import { azureErrorMessage } from '../providers/azure/errors.js';
import type { ResourceRecord } from './journal.js';

type Env = Readonly<Record<string, string | undefined>>;

/** The Azure CLI command that deletes a recorded resource, for when cleanup could not. */
function deleteByHand(r: ResourceRecord): string {
  const d = r.data;
  const rg = /^\/subscriptions\/[^/]+\/resourceGroups\/([^/]+)$/i.exec(d.id ?? '')?.[1];
  return rg ? `az group delete --subscription ${d.subscriptionId} --name ${rg} --yes` : `az resource delete --ids ${d.id}`;
}

async function cleanAzure(r: ResourceRecord, env: Env): Promise<'removed' | 'gone'> {
  const { cleanAzureResource } = await loadAzureCleaner();
  try {
    return await cleanAzureResource(r.data, env);
  } catch (e) {
    throw new Error(`${azureErrorMessage(e)}. To delete it by hand: ${deleteByHand(r)}`, { cause: e });
  }
}

export const azureCleaners = { 'azure-resource': cleanAzure };
