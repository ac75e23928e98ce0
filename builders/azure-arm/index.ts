import type { BuilderPlugin } from '../../src/plugin/plugins.js';
import { azureArmConfig } from './config.js';

/**
 * azure-arm: builds a VM from a marketplace, managed or gallery image in a temporary resource group, provisions it
 * over SSH, deallocates and generalizes it, and captures a managed image (published to a Shared Image Gallery when
 * asked), as Packer's azure plugin does. The Azure SDK loads only when a template uses it.
 */
export const azureArmBuilder: BuilderPlugin<typeof azureArmConfig> = {
  kind: 'builder',
  type: 'azure-arm',
  config: azureArmConfig,
  generated: [],
  create: async (config) => {
    const { runAzureArm } = await import('./run.js');
    return { run: (ctx, provision) => runAzureArm(config, ctx, provision) };
  },
};
