// Ancestry: the registry versions a template read through the hcp-packer-version (`id`) and hcp-packer-artifact
// (`version_id`) data sources that ran. The version a publishing build creates records one of them as its parent:
// an artifact's version first (the image a build starts from), else a channel's version.

import type { Value } from '../value/value.js';

export interface ParentVersion {
  id: string;
  /** `data.<type>.<name>`, for messages. */
  from: string;
}

const ID_ATTRIBUTE: Readonly<Record<string, string>> = { 'hcp-packer-artifact': 'version_id', 'hcp-packer-version': 'id' };

/** The distinct versions resolved, artifacts' first, each in the order its data source ran. */
export function parentVersions(data: ReadonlyMap<string, Value> | undefined, executed: readonly string[]): ParentVersion[] {
  const found: ParentVersion[] = [];
  for (const type of Object.keys(ID_ATTRIBUTE)) {
    for (const key of executed) {
      if (!key.startsWith(`${type}.`)) continue;
      const id = data?.get(key)?.get(ID_ATTRIBUTE[type]!);
      if (!id || !id.isWhollyKnown || id.isNull) continue;
      const text = id.unmark().asString();
      if (text && !found.some((p) => p.id === text)) found.push({ id: text, from: `data.${key}` });
    }
  }
  return found;
}
