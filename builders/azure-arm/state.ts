import type { SshCommunicator } from '../../src/communicator/ssh/communicator.js';
import type { GeneratedData } from '../../src/plugin/plugins.js';
import type { AzureAccess } from '../../src/providers/azure/journal-data.js';
import type { AzureConnection } from '../../src/providers/azure/sdk.js';
import type { AzureArmConfig } from './config.js';

/** A resource the build made, with its journal entry, until it is deleted (or handed over: the image). */
export interface MadeResource {
  id: string;
  record?: string;
}

/** What the azure-arm steps share. */
export interface AzureArmState {
  config: AzureArmConfig;
  azure: AzureConnection;
  /** Journal data: where to reach Resource Manager again. */
  access: AzureAccess;
  /** The build's location (location, or the build resource group's). */
  location: string;
  /** The resource group the VM and its network go in: the temporary one or build_resource_group_name. */
  group: string;
  /** Set when the build made the group (it is deleted at the end, with everything in it). */
  tempGroup?: MadeResource;
  /** Names Packer gives the temporary resources: pkrvm<random>, pkrni..., pkrip..., pkrvn..., pkrsn..., pkros.... */
  names: { vm: string; nic: string; ip: string; vnet: string; subnet: string; osDisk: string };
  /** Resources made in an existing build group, deleted one by one in reverse at the end. */
  made: MadeResource[];
  /** The VM's key pair (temporary, or ssh_private_key_file's). */
  privateKey?: string;
  publicKey?: string;
  subnetId?: string;
  publicIpId?: string;
  nicId?: string;
  vmId?: string;
  host?: string;
  comm?: SshCommunicator;
  /** The managed image, once asked for; and the gallery version. */
  image?: MadeResource;
  galleryVersion?: MadeResource;
  data: GeneratedData;
}

/** An ARM ID in the build's subscription. */
export function armId(state: AzureArmState, group: string, provider: string, path: string): string {
  return `/subscriptions/${state.azure.subscriptionId}/resourceGroups/${group}/providers/${provider}/${path}`;
}
