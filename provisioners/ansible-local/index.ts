import { randomUUID } from 'node:crypto';
import type { ProvisionerPlugin } from '../../src/plugin/plugins.js';
import { ansibleLocalConfig } from './config.js';
import { runAnsibleLocal } from './run.js';

/** ansible-local: uploads playbooks and roles to the machine and runs ansible-playbook there. */
export const ansibleLocalProvisioner: ProvisionerPlugin<typeof ansibleLocalConfig> = {
  kind: 'provisioner',
  type: 'ansible-local',
  config: ansibleLocalConfig,
  create: async (config) => {
    // As Packer, a new staging folder per provisioner unless one is given.
    const staging = config.staging_directory || `/tmp/packer-provisioner-ansible-local/${randomUUID()}`;
    return { provision: (ctx, comm) => runAnsibleLocal(config, staging, ctx, comm) };
  },
};
