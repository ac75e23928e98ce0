import { builders } from '../../builders/index.js';
import { postProcessors } from '../../post-processors/index.js';
import { provisioners } from '../../provisioners/index.js';
import type { PluginTable } from './lookup.js';

/** Every plugin tsbuild ships. Definitions are light; each loads its heavy dependencies in `create`. */
export function pluginTable(): PluginTable {
  return { builders, provisioners, postProcessors };
}
