import { randomUUID } from 'node:crypto';
import type { ProvisionerPlugin } from '../../src/plugin/plugins.js';
import { ansibleLocalSchema, resolveAnsibleLocalConfig } from './config.js';
import { runAnsibleLocal } from './run.js';

/** ansible-local: uploads playbooks and roles to the machine and runs ansible-playbook there. */
export const ansibleLocalProvisioner: ProvisionerPlugin = {
  kind: 'provisioner',
  type: 'ansible-local',
  schema: ansibleLocalSchema,
  create: async (raw) => {
    const config = resolveAnsibleLocalConfig(raw, randomUUID());
    return { provision: (ctx, comm) => runAnsibleLocal(config, ctx, comm) };
  },
};
