// Ancestry: the registry versions a template read through the hcp-packer-version (`id`, `channel_id`) and
// hcp-packer-artifact (`version_id`, `channel_id`) data sources that ran. The version a publishing build creates
// records one of them as its parent: an artifact's version first (the image a build starts from), else a channel's
// version; with the channel it was read through, so that the registry can tell whether the parent is still current.

import type { Value } from '../value/value.js';

export interface ParentVersion {
  id: string;
  /** The channel the version was read through, when a data source read it through one. */
  channelId?: string;
  /** `data.<type>.<name>`, for messages. */
  from: string;
}

const ID_ATTRIBUTE: Readonly<Record<string, string>> = { 'hcp-packer-artifact': 'version_id', 'hcp-packer-version': 'id' };

function stringAttribute(value: Value | undefined, name: string): string {
  const v = value?.get(name);
  if (!v || !v.isWhollyKnown || v.isNull) return '';
  return v.unmark().asString();
}

/**
 * The distinct versions resolved, artifacts' first, each in the order its data source ran. A version read by
 * fingerprint (an artifact's `version_fingerprint`) takes the channel another data source read it through.
 */
export function parentVersions(data: ReadonlyMap<string, Value> | undefined, executed: readonly string[]): ParentVersion[] {
  const found: ParentVersion[] = [];
  for (const type of Object.keys(ID_ATTRIBUTE)) {
    for (const key of executed) {
      if (!key.startsWith(`${type}.`)) continue;
      const id = stringAttribute(data?.get(key), ID_ATTRIBUTE[type]!);
      if (!id) continue;
      const channelId = stringAttribute(data?.get(key), 'channel_id');
      const known = found.find((p) => p.id === id);
      if (!known) found.push({ id, from: `data.${key}`, ...(channelId ? { channelId } : {}) });
      else if (!known.channelId && channelId) known.channelId = channelId;
    }
  }
  return found;
}
