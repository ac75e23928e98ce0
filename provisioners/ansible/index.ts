import type { ProvisionerPlugin } from '../../src/plugin/plugins.js';
import { ansibleConfig } from './config.js';
import { runAnsible } from './run.js';

/** ansible: runs ansible-playbook on the build host against the machine being built. */
export const ansibleProvisioner: ProvisionerPlugin<typeof ansibleConfig> = {
  kind: 'provisioner',
  type: 'ansible',
  config: ansibleConfig,
  create: async (config) => ({ provision: (ctx, comm, data) => runAnsible(config, ctx, comm, data) }),
};
