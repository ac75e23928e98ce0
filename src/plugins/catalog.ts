// Plugin type names that Packer users' templates may name: Packer's built-in components and those of the official,
// partner and community Packer plugins (the table in catalog-data.ts). A name outside the table is an unknown type (a
// typo, most often); a name inside it that tsbuild does not implement is reported as not available, not as unknown.

import { PLUGIN_CATALOG } from './catalog-data.js';

export type PluginKind = 'builder' | 'provisioner' | 'post-processor' | 'data';

const KINDS: readonly PluginKind[] = ['builder', 'provisioner', 'post-processor', 'data'];

/** One line of the catalog: a type of a kind, provided by a plugin. */
export interface CatalogEntry {
  plugin: string;
  kind: PluginKind;
  type: string;
}

/** Reads the catalog's line format (see catalog-data.ts); a malformed line is a mistake in the table, so it throws. */
export function parseCatalog(text: string): CatalogEntry[] {
  const entries: CatalogEntry[] = [];
  let plugin: string | undefined;
  text.split('\n').forEach((raw, i) => {
    const words = raw.replace(/#.*/, '').trim().split(/\s+/).filter(Boolean);
    if (words.length === 0) return;
    const [first, second] = words;
    if (first === 'plugin' && second) {
      plugin = second;
    } else if (KINDS.includes(first as PluginKind) && second && words.length === 2 && plugin) {
      entries.push({ plugin, kind: first as PluginKind, type: second });
    } else {
      throw new Error(`plugin catalog line ${i + 1} is not "plugin NAME SOURCE" or "KIND TYPE" after a plugin line: ${raw}`);
    }
  });
  return entries;
}

function typesByKind(entries: readonly CatalogEntry[]): Record<PluginKind, readonly string[]> {
  const of = (kind: PluginKind) => [...new Set(entries.filter((e) => e.kind === kind).map((e) => e.type))];
  return { builder: of('builder'), provisioner: of('provisioner'), 'post-processor': of('post-processor'), data: of('data') };
}

/** Every known type name of each kind, in the table's order (which decides between equally close suggestions). */
export const PACKER_PLUGIN_TYPES: Record<PluginKind, readonly string[]> = typesByKind(parseCatalog(PLUGIN_CATALOG));

const KNOWN: Record<PluginKind, ReadonlySet<string>> = {
  builder: new Set(PACKER_PLUGIN_TYPES.builder),
  provisioner: new Set(PACKER_PLUGIN_TYPES.provisioner),
  'post-processor': new Set(PACKER_PLUGIN_TYPES['post-processor']),
  data: new Set(PACKER_PLUGIN_TYPES.data),
};

export function isKnownPluginType(kind: PluginKind, type: string): boolean {
  return KNOWN[kind].has(type);
}
