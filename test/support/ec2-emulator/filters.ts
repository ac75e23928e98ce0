// Applying Filter.N to resources as EC2 does: filters are ANDed, the values of one filter ORed, each value a
// wildcard pattern; `tag:<key>` and `tag-key` work on every tagged resource. A filter name the resource type
// does not know is an error, as in EC2.

import { invalidParameter } from './errors.js';
import type { Filter } from './query.js';
import { matchesWildcard } from './wildcard.js';

/** For each filter name, the values of a resource the filter compares (none: the filter never matches it). */
export type FilterTable<R> = Readonly<Record<string, (resource: R) => readonly (string | number | boolean | undefined)[]>>;

export function applyFilters<R extends { tags: ReadonlyMap<string, string> }>(items: readonly R[], filters: readonly Filter[], table: FilterTable<R>): R[] {
  for (const f of filters) {
    if (!f.name.startsWith('tag:') && f.name !== 'tag-key' && !Object.hasOwn(table, f.name)) throw invalidParameter(`The filter '${f.name}' is invalid`);
  }
  return items.filter((item) => filters.every((f) => valuesOf(item, f.name, table).some((v) => f.values.some((p) => matchesWildcard(v, p)))));
}

function valuesOf<R extends { tags: ReadonlyMap<string, string> }>(item: R, name: string, table: FilterTable<R>): string[] {
  if (name.startsWith('tag:')) {
    const v = item.tags.get(name.slice('tag:'.length));
    return v === undefined ? [] : [v];
  }
  if (name === 'tag-key') return [...item.tags.keys()];
  return table[name]!(item)
    .filter((v) => v !== undefined)
    .map(String);
}
