import type { BuilderPlugin, PostProcessorPlugin, ProvisionerPlugin } from '../engine/types.js';

/** The plugins tsbuild has, by Packer type name. Definitions are light: heavy clients load in `create`. */
export interface PluginRegistry {
  builders: Readonly<Record<string, BuilderPlugin>>;
  provisioners: Readonly<Record<string, ProvisionerPlugin>>;
  postProcessors: Readonly<Record<string, PostProcessorPlugin>>;
}
