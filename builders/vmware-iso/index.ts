import type { BuilderPlugin } from '../../src/plugin/plugins.js';
import { vmwareIsoConfig } from './config.js';

/**
 * The vmware-iso builder: a VMware Workstation/Player machine made from an installer ISO (disks with
 * vmware-vdiskmanager, a .vmx file written as Packer writes it, `vmrun` to start and stop it), the boot command
 * typed into VMware's VNC server, provisioned over SSH, then compacted and optionally exported with ovftool.
 */
export const vmwareIsoBuilder: BuilderPlugin<typeof vmwareIsoConfig> = {
  kind: 'builder',
  type: 'vmware-iso',
  config: vmwareIsoConfig,
  create: async (config) => {
    const { runVmwareIso } = await import('./run.js');
    return { run: (ctx, provision) => runVmwareIso(config, ctx, provision) };
  },
};
