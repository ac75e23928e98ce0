import type { ProvisionerPlugin } from '../../src/plugin/plugins.js';
import { ansibleSchema, resolveAnsibleConfig } from './config.js';
import { runAnsible } from './run.js';

/** ansible: runs ansible-playbook on the build host against the machine being built. */
export const ansibleProvisioner: ProvisionerPlugin = {
  kind: 'provisioner',
  type: 'ansible',
  schema: ansibleSchema,
  create: async (raw) => {
    const config = resolveAnsibleConfig(raw);
    return { provision: (ctx, comm, data) => runAnsible(config, ctx, comm, data) };
  },
};
