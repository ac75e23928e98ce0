import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { VirtualMachine } from '@azure/arm-compute';
import type { Step } from '../../../src/engine/steps.js';
import { azureErrorMessage } from '../../../src/providers/azure/errors.js';
import { untilDone } from '../../../src/providers/azure/operations.js';
import { Value } from '../../../src/value/value.js';
import { armId, type AzureArmState } from '../state.js';
import { trackInGroup } from '../track.js';
import { tagsOf } from '../config.js';

/** The source image reference: marketplace, managed image, or gallery image (version). */
function imageReference(state: AzureArmState): NonNullable<VirtualMachine['storageProfile']>['imageReference'] {
  const c = state.config;
  if (c.image_publisher) return { publisher: c.image_publisher, offer: c.image_offer, sku: c.image_sku, version: c.image_version || 'latest' };
  if (c.custom_managed_image_name) return { id: armId(state, c.custom_managed_image_resource_group_name!, 'Microsoft.Compute', `images/${c.custom_managed_image_name}`) };
  const g = c.shared_image_gallery!;
  const path = `galleries/${g.gallery_name}/images/${g.image_name}${g.image_version ? `/versions/${g.image_version}` : ''}`;
  return { id: `/subscriptions/${g.subscription}/resourceGroups/${g.resource_group}/providers/Microsoft.Compute/${path}` };
}

const base64File = async (cwd: string, path: string | undefined) => (path ? (await readFile(resolve(cwd, path))).toString('base64') : undefined);

async function vmDefinition(state: AzureArmState, cwd: string): Promise<VirtualMachine> {
  const c = state.config;
  const user = c.ssh_username;
  const caching = (c.disk_caching_type ?? 'ReadWrite') as 'None' | 'ReadOnly' | 'ReadWrite';
  return {
    location: state.location,
    tags: tagsOf(c),
    hardwareProfile: { vmSize: c.vm_size },
    storageProfile: {
      imageReference: imageReference(state),
      osDisk: { name: state.names.osDisk, osType: 'Linux', createOption: 'FromImage', caching, deleteOption: 'Delete', diskSizeGB: c.os_disk_size_gb, managedDisk: { storageAccountType: 'Standard_LRS' } },
      dataDisks: c.disk_additional_size.map((size, lun) => ({ lun, name: `${state.names.vm}-datadisk-${lun + 1}`, createOption: 'Empty', diskSizeGB: size, caching, deleteOption: 'Delete', managedDisk: { storageAccountType: 'Standard_LRS' } })),
    },
    osProfile: {
      computerName: state.names.vm,
      adminUsername: user,
      customData: await base64File(cwd, c.custom_data_file),
      // ssh_password becomes the user's password too, as Packer's; otherwise only the key logs in.
      adminPassword: c.ssh_password,
      linuxConfiguration: { disablePasswordAuthentication: !c.ssh_password, ssh: { publicKeys: [{ path: `/home/${user}/.ssh/authorized_keys`, keyData: state.publicKey }] } },
    },
    userData: await base64File(cwd, c.user_data_file),
    networkProfile: { networkInterfaces: [{ id: state.nicId, primary: true }] },
    ...(c.spot ? { priority: 'Spot', evictionPolicy: (c.spot.eviction_policy || 'Deallocate') as 'Deallocate' | 'Delete', billingProfile: { maxPrice: c.spot.max_price ?? -1 } } : {}),
  };
}

/**
 * Packer's StepDeployTemplate (the VM part) and StepGetIPAddress: creates the VM with the key in its osProfile and
 * waits for it, then learns the address SSH connects to (the public IP's, else the NIC's private one).
 */
export const stepDeployVm: Step<AzureArmState> = {
  name: 'StepDeployTemplate',
  run: async (state, ctx) => {
    const c = state.config;
    const { compute } = state.azure;
    const signal = ctx.signal;
    const n = state.names;
    ctx.ui.say('Deploying the virtual machine ...');
    ctx.ui.message(` -> ResourceGroupName : '${state.group}'`);
    ctx.ui.message(` -> ComputeName       : '${n.vm}'`);
    state.vmId = armId(state, state.group, 'Microsoft.Compute', `virtualMachines/${n.vm}`);
    trackInGroup(state, ctx, state.vmId, 'virtual machine');
    try {
      const vm = await untilDone(compute.virtualMachines.createOrUpdate(state.group, n.vm, await vmDefinition(state, ctx.cwd), { abortSignal: signal }), signal);
      if (vm.provisioningState && vm.provisioningState !== 'Succeeded') throw new Error(`the virtual machine's provisioning state is ${vm.provisioningState}`);
    } catch (e) {
      if (signal.aborted) throw e;
      throw new Error(`Error deploying the virtual machine: ${azureErrorMessage(e)}`, { cause: e });
    }
    ctx.ui.say("Getting the VM's IP address ...");
    const network = await state.azure.network();
    if (c.ssh_host) state.host = c.ssh_host;
    else if (state.publicIpId) state.host = (await network.publicIPAddresses.get(state.group, n.ip, { abortSignal: signal })).ipAddress;
    else state.host = (await network.networkInterfaces.get(state.group, n.nic, { abortSignal: signal })).ipConfigurations?.[0]?.privateIPAddress;
    if (!state.host) throw new Error(`The virtual machine ${n.vm} has no IP address to connect to`);
    ctx.ui.message(` -> IP Address        : '${state.host}'`);
    state.data = { ...state.data, ID: Value.string(state.vmId) };
  },
};
