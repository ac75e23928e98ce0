import type { ProvisionerPlugin } from '../../src/plugin/plugins.js';
import { resolveShellConfig, shellSchema } from './config.js';
import { runShell } from './run.js';

/** shell: runs scripts on the machine being built, through the builder's communicator. */
export const shellProvisioner: ProvisionerPlugin = {
  kind: 'provisioner',
  type: 'shell',
  schema: shellSchema,
  create: async (raw) => {
    const config = resolveShellConfig(raw);
    return { provision: (ctx, comm) => runShell(config, ctx, comm) };
  },
};
