import type { Step } from '../../../src/engine/steps.js';
import { devicesOf, hostIpOf } from '../networks.js';
import type { VmwareState } from '../state.js';

/** Packer's StepHTTPIPDiscover: the host's address on the machine's network, from VMware's dhcpd.conf. */
export const stepHttpIpDiscover: Step<VmwareState> = {
  name: 'StepHTTPIPDiscover',
  run: async (state) => {
    const network = state.network ?? state.config.network;
    const devices = (await devicesOf(state.vmwareConfigDir, network)).concat();
    const tried = devices.length > 0 ? devices : [network];
    let last = '';
    for (const device of tried) {
      try {
        state.httpIp = await hostIpOf(state.vmwareConfigDir, device);
        return;
      } catch (e) {
        last = (e as Error).message;
      }
    }
    throw new Error(`Error detecting host IP: Unable to find host IP from devices [${tried.join(' ')}], last error: ${last}`);
  },
};
