import type { BuilderPlugin } from '../../src/plugin/plugins.js';
import { qemuConfig } from './config.js';

/**
 * The qemu builder: boots a VM under QEMU from an ISO (or a disk image), types the boot command over VNC, serves
 * http_directory, provisions over SSH through a forwarded host port, shuts the VM down and leaves its disk (qcow2 or
 * raw) in output_directory, as Packer's qemu builder does.
 */
export const qemuBuilder: BuilderPlugin<typeof qemuConfig> = {
  kind: 'builder',
  type: 'qemu',
  config: qemuConfig,
  create: async (config) => {
    const { runQemuBuild } = await import('./run.js');
    return { run: (ctx, provision) => runQemuBuild(config, ctx, provision) };
  },
};
