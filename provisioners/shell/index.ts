import type { ProvisionerPlugin } from '../../src/plugin/plugins.js';
import { remotePathOf, shellConfig } from './config.js';
import { runShell } from './run.js';

/** shell: runs scripts on the machine being built, through the builder's communicator. */
export const shellProvisioner: ProvisionerPlugin<typeof shellConfig> = {
  kind: 'provisioner',
  type: 'shell',
  config: shellConfig,
  create: async (config) => {
    const remotePath = remotePathOf(config, Math.random);
    return { provision: (ctx, comm) => runShell(config, remotePath, ctx, comm) };
  },
};
