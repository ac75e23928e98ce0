import type { ProvisionerPlugin } from '../../src/plugin/plugins.js';
import { shellLocalConfig } from './config.js';
import { runShellLocal } from './run.js';

/** shell-local: runs commands on the machine running tsbuild. */
export const shellLocalProvisioner: ProvisionerPlugin<typeof shellLocalConfig> = {
  kind: 'provisioner',
  type: 'shell-local',
  config: shellLocalConfig,
  create: async (config) => ({
    provision: (ctx) => runShellLocal(config, ctx),
  }),
};
