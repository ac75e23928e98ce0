import { builders } from '../../builders/index.js';
import { dataSources } from '../../data-sources/index.js';
import { postProcessors } from '../../post-processors/index.js';
import { provisioners } from '../../provisioners/index.js';
import type { PluginTable } from './lookup.js';

/** Every plugin tsbuild ships. Definitions are light; each loads its heavy dependencies when used. */
export function pluginTable(): PluginTable {
  return { builders, provisioners, postProcessors, dataSources };
}
