import type { BuilderPlugin } from '../../src/plugin/plugins.js';
import { googlecomputeConfig } from './config.js';

/**
 * googlecompute: boots an instance from a source image with a temporary SSH key in its metadata (or in an OS Login
 * profile, with use_os_login), provisions it over SSH, deletes it and makes an image of its boot disk, as Packer's
 * googlecompute plugin does.
 * @google-cloud/compute loads only when a template uses it.
 */
export const googlecomputeBuilder: BuilderPlugin<typeof googlecomputeConfig> = {
  kind: 'builder',
  type: 'googlecompute',
  config: googlecomputeConfig,
  generated: ['SourceImageName'],
  create: async (config) => {
    const { runGooglecompute } = await import('./run.js');
    return { run: (ctx, provision) => runGooglecompute(config, ctx, provision) };
  },
};
