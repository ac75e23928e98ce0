// The list of buckets: name, description, labels, platforms and latest version of each.

import { readAll } from './api.js';
import { el, labelChips, link, statusBadge, table, when } from './dom.js';
import { bucketPath, versionPath } from './routes.js';

function latestCell(bucket) {
  const v = bucket.latest_version;
  if (!v) return el('span', { class: 'none' }, 'none yet');
  return el('span', { class: 'version-ref' }, link(versionPath(bucket.name, v.fingerprint), v.name), ' ', statusBadge(v.status));
}

export async function bucketsView() {
  const buckets = await readAll('buckets', '/buckets');
  const rows = buckets.map((b) => [
    link(bucketPath(b.name), el('strong', {}, b.name)),
    el('span', { class: 'description' }, b.description),
    labelChips(b.labels),
    b.platforms.length > 0 ? b.platforms.join(', ') : el('span', { class: 'none' }, '—'),
    latestCell(b),
    b.version_count,
    when(b.updated_at),
  ]);
  return el(
    'div',
    {},
    el('h1', {}, 'Buckets'),
    table(['Bucket', 'Description', 'Labels', 'Platforms', 'Latest version', 'Versions', 'Updated'], rows, 'No buckets yet: a build with an hcp_packer_registry block publishes one.', { id: 'buckets' }),
  );
}
