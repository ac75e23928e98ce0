import type { ProvisionerPlugin } from '../../src/plugin/plugins.js';
import { shellLocalSchema, type ShellLocalConfig } from './config.js';
import { runShellLocal } from './run.js';

/** shell-local: runs commands on the machine running tsbuild. */
export const shellLocalProvisioner: ProvisionerPlugin = {
  kind: 'provisioner',
  type: 'shell-local',
  schema: shellLocalSchema,
  create: async (config) => ({
    provision: (ctx) => runShellLocal(config as ShellLocalConfig, ctx),
  }),
};
