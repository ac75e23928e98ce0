import type { Step } from '../../../src/engine/steps.js';
import { azureErrorMessage } from '../../../src/providers/azure/errors.js';
import { untilDone } from '../../../src/providers/azure/operations.js';
import { armId, type AzureArmState } from '../state.js';
import { trackInGroup } from '../track.js';
import { tagsOf } from '../config.js';

/** The subnet of an existing virtual network: in virtual_network_resource_group_name, else found by name. */
async function existingSubnet(state: AzureArmState, signal: AbortSignal): Promise<string> {
  const c = state.config;
  const network = await state.azure.network();
  let group = c.virtual_network_resource_group_name;
  if (!group) {
    for await (const v of network.virtualNetworks.listAll({ abortSignal: signal })) {
      if (v.name === c.virtual_network_name) group = /\/resourceGroups\/([^/]+)\//i.exec(v.id ?? '')?.[1];
    }
    if (!group) throw new Error(`Cannot find the virtual network ${c.virtual_network_name} in subscription ${state.azure.subscriptionId}`);
  }
  const vnet = await network.virtualNetworks.get(group, c.virtual_network_name!, { abortSignal: signal });
  const subnets = vnet.subnets ?? [];
  const subnet = c.virtual_network_subnet_name ? subnets.find((s) => s.name === c.virtual_network_subnet_name) : subnets.length === 1 ? subnets[0] : undefined;
  if (!subnet?.id) {
    throw new Error(c.virtual_network_subnet_name ? `The virtual network ${c.virtual_network_name} has no subnet ${c.virtual_network_subnet_name}` : `The virtual network ${c.virtual_network_name} has ${subnets.length} subnets: set virtual_network_subnet_name`);
  }
  return subnet.id;
}

/**
 * The VM's network, as Packer's deployment template makes it: a public IP, a virtual network with one subnet, and
 * a NIC; or, with virtual_network_name, a NIC in that network's subnet (and a public IP only with
 * private_virtual_network_with_public_ip).
 */
export const stepNetwork: Step<AzureArmState> = {
  name: 'StepDeployNetwork',
  run: async (state, ctx) => {
    const c = state.config;
    const network = await state.azure.network();
    const n = state.names;
    const signal = ctx.signal;
    const common = { location: state.location, tags: tagsOf(c) };
    ctx.ui.say('Deploying the network ...');
    try {
      if (c.virtual_network_name) {
        state.subnetId = await existingSubnet(state, signal);
      } else {
        const vnetId = armId(state, state.group, 'Microsoft.Network', `virtualNetworks/${n.vnet}`);
        trackInGroup(state, ctx, vnetId, 'virtual network');
        const vnet = await untilDone(
          await network.virtualNetworks.beginCreateOrUpdate(state.group, n.vnet, { ...common, addressSpace: { addressPrefixes: ['10.0.0.0/16'] }, subnets: [{ name: n.subnet, addressPrefix: '10.0.0.0/24' }] }, { abortSignal: signal }),
          signal,
        );
        state.subnetId = vnet.subnets?.find((s) => s.name === n.subnet)?.id ?? `${vnetId}/subnets/${n.subnet}`;
      }
      if (!c.virtual_network_name || c.private_virtual_network_with_public_ip) {
        state.publicIpId = armId(state, state.group, 'Microsoft.Network', `publicIPAddresses/${n.ip}`);
        trackInGroup(state, ctx, state.publicIpId, 'public IP');
        await untilDone(
          await network.publicIPAddresses.beginCreateOrUpdate(state.group, n.ip, { ...common, sku: { name: 'Standard' }, publicIPAllocationMethod: 'Static' }, { abortSignal: signal }),
          signal,
        );
      }
      state.nicId = armId(state, state.group, 'Microsoft.Network', `networkInterfaces/${n.nic}`);
      trackInGroup(state, ctx, state.nicId, 'network interface');
      await untilDone(
        await network.networkInterfaces.beginCreateOrUpdate(
          state.group,
          n.nic,
          {
            ...common,
            ipConfigurations: [{ name: 'ipconfig', subnet: { id: state.subnetId }, privateIPAllocationMethod: 'Dynamic', ...(state.publicIpId ? { publicIPAddress: { id: state.publicIpId } } : {}) }],
          },
          { abortSignal: signal },
        ),
        signal,
      );
    } catch (e) {
      if (signal.aborted) throw e;
      throw new Error(`Error deploying the network: ${azureErrorMessage(e)}`, { cause: e });
    }
  },
};
