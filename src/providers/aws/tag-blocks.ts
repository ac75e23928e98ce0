// Tags written as repeated blocks (`tag { key = "Name" value = "x" }`), which Packer's amazon builders take beside
// each map option (`tags`) for HCL2 templates, where a `dynamic` block can build them. Packer copies the blocks into
// the map in order, a later key replacing an earlier one.

import { blocks, opt, type ConfigOf } from '../../plugin/config.js';

const keyValue = {
  key: opt.string('The tag key.'),
  value: opt.string('The tag value.'),
};

/** A repeated key/value block that adds to the map option `map`. */
export function tagBlocks(map: string) {
  return blocks(`One tag of ${map}, as a block (for dynamic blocks).`, keyValue);
}

export type TagBlock = ConfigOf<typeof keyValue>;

/** The map option with the blocks copied onto it, as Packer's CopyOn does; undefined when neither is given. */
export function mergedTags(map: Readonly<Record<string, string>> | undefined, tags: readonly TagBlock[]): Record<string, string> | undefined {
  if (!map && tags.length === 0) return undefined;
  const out: Record<string, string> = { ...map };
  for (const t of tags) out[t.key ?? ''] = t.value ?? '';
  return out;
}
