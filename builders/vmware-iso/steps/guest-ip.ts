import { sleep } from '../../../src/engine/cancel.js';
import type { Step } from '../../../src/engine/steps.js';
import { parseDuration } from '../../../src/template/duration.js';
import { devicesOf, guestIpOf } from '../networks.js';
import type { VmwareState } from '../state.js';
import { readVmx } from '../vmx-file.js';

/**
 * The machine's address for SSH, as Packer's CommHost finds it: ssh_host when set; else the newest DHCP lease
 * VMware's DHCP server gave the machine's MAC address (ethernet0.address or .generatedAddress in the .vmx), on the
 * devices of its network. Leases come once the guest has booted: looked for every half second, up to
 * ssh_timeout (5m).
 */
export const stepGuestIp: Step<VmwareState> = {
  name: 'StepGuestIP',
  run: async (state, ctx) => {
    const c = state.config;
    // One ssh_timeout for finding the address and connecting, as Packer's StepConnect has.
    const deadline = Date.now() + (parseDuration(c.ssh_timeout || c.ssh_wait_timeout || '5m') ?? 300_000);
    state.sshDeadline = deadline;
    if (c.ssh_host) {
      state.host = c.ssh_host;
      return;
    }
    const network = state.network ?? c.network;
    const known = await devicesOf(state.vmwareConfigDir, network);
    const devices = known.length > 0 ? known : [network];
    let mac = '';
    for (;;) {
      const vmx = await readVmx(state.vmxPath!);
      mac = vmx['ethernet0.address'] || vmx['ethernet0.generatedaddress'] || '';
      const ip = mac ? await guestIpOf(state.vmwareConfigDir, devices, mac) : undefined;
      if (ip) {
        state.host = ip;
        return;
      }
      if (Date.now() >= deadline) break;
      await sleep(500, ctx.signal);
    }
    throw new Error(
      mac
        ? `Timeout waiting for SSH: none of the found device(s) [${devices.join(' ')}] has a DHCP lease for MAC ${mac}`
        : 'Timeout waiting for SSH: no MAC address in the .vmx file (ethernet0.address or ethernet0.generatedAddress)',
    );
  },
};
