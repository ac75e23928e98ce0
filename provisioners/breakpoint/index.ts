import type { ProvisionerPlugin } from '../../src/plugin/plugins.js';
import { declareConfig, opt } from '../../src/plugin/config.js';

const breakpointConfig = declareConfig({
  disable: opt.bool('Skips the pause.'),
  note: opt.string('A note shown when pausing.'),
});

/**
 * breakpoint: pauses the build until Enter is pressed (Packer's messages). Without a terminal on stdin it
 * says so and goes on, so that unattended builds never hang.
 */
export const breakpointProvisioner: ProvisionerPlugin<typeof breakpointConfig> = {
  kind: 'provisioner',
  type: 'breakpoint',
  config: breakpointConfig,
  create: async (config) => {
    return {
      provision: async (ctx) => {
        if (config.disable) {
          ctx.ui.say(config.note ? `Breakpoint provisioner with note "${config.note}" disabled; continuing...` : 'Breakpoint provisioner disabled; continuing...');
          return;
        }
        ctx.ui.say(config.note ? `Pausing at breakpoint provisioner with note "${config.note}".` : 'Pausing at breakpoint provisioner.');
        if (!ctx.interactive) {
          ctx.ui.say('Not running interactively (stdin is not a terminal): continuing without waiting.');
          return;
        }
        await ctx.ask('Press enter to continue.');
      },
    };
  },
};
