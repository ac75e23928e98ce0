// A bucket: its versions with their status and revocation, its channels with their assignment history, its ancestry
// (the parents of its latest version and the buckets built from it), and, for a token that may change the registry,
// the form that assigns a channel.

import { call, enc, readAll } from './api.js';
import { code, el, facts, labelChips, link, section, statusBadge, table, when } from './dom.js';
import { assignForm, readOnlyNote } from './change-forms.js';
import { revocationCell } from './revocation.js';
import { bucketPath, versionPath } from './routes.js';

function versionRef(bucket, v) {
  if (!v) return el('span', { class: 'none' }, 'unassigned');
  return el('span', { class: 'version-ref' }, link(versionPath(bucket, v.fingerprint), v.name), ' ', code(v.fingerprint), ' ', statusBadge(v.status));
}

function versionsTable(bucket, versions) {
  const rows = versions.map((v) => [
    link(versionPath(bucket, v.fingerprint), el('strong', {}, v.name)),
    code(v.fingerprint),
    statusBadge(v.status),
    [...new Set(v.builds.map((b) => b.platform))].join(', ') || el('span', { class: 'none' }, '—'),
    when(v.created_at),
    v.author_id,
    revocationCell(v),
  ]);
  return table(['Version', 'Fingerprint', 'Status', 'Platforms', 'Created', 'Author', 'Revocation'], rows, 'No versions yet.', { id: 'versions' });
}

function channelsTable(bucket, channels) {
  const rows = channels.map((c) => [
    [el('strong', {}, c.name), c.managed ? el('span', { class: 'flag' }, 'managed') : '', c.restricted ? el('span', { class: 'flag' }, 'restricted') : ''],
    versionRef(bucket, c.version),
    when(c.updated_at),
    c.author_id,
  ]);
  return table(['Channel', 'Version', 'Updated', 'Author'], rows, 'No channels.', { id: 'channels' });
}

function historyTables(bucket, channels, histories) {
  const tables = channels.map((c, i) => {
    const rows = histories[i].map((h) => [when(h.assigned_at), versionRef(bucket, h.version), h.author_id]);
    return el('div', { class: 'history', 'data-channel': c.name }, el('h3', {}, c.name), table(['Assigned', 'Version', 'Author'], rows, 'Never assigned.'));
  });
  return el('div', { class: 'histories' }, tables);
}

function ancestryTable(bucket, relations) {
  const rows = relations.map((r) => {
    const p = r.parent;
    const kind = r.child.bucket_name === bucket ? 'parent' : 'child';
    const channel = p.channel_name ? [el('strong', {}, p.channel_name), p.channel_version ? ` now at ${p.channel_version.name}` : ' (unassigned)'] : el('span', { class: 'none' }, '—');
    return [
      kind,
      [link(bucketPath(p.bucket_name), p.bucket_name), ' ', link(versionPath(p.bucket_name, p.version_fingerprint), p.version_name)],
      channel,
      [link(bucketPath(r.child.bucket_name), r.child.bucket_name), ' ', link(versionPath(r.child.bucket_name, r.child.version_fingerprint), r.child.version_name)],
      statusBadge(r.status),
    ];
  });
  return table(['Relation', 'Parent', 'Parent channel', 'Child', 'Status'], rows, 'No parents or children recorded.', { id: 'ancestry' });
}

export async function bucketView(ctx, name) {
  const path = `/buckets/${enc(name)}`;
  const [{ bucket }, versions, { channels }, { relations }] = await Promise.all([call('GET', path), readAll('versions', `${path}/versions`), call('GET', `${path}/channels`), call('GET', `${path}/ancestry`)]);
  const histories = await Promise.all(channels.map((c) => readAll('history', `${path}/channels/${enc(c.name)}/history`)));
  return el(
    'div',
    {},
    el('nav', { class: 'crumbs' }, link('/', 'Buckets'), ' / ', name),
    el('h1', {}, bucket.name),
    el('p', { class: 'description', id: 'bucket-description' }, bucket.description || el('span', { class: 'none' }, 'No description.')),
    facts([
      ['Labels', labelChips(bucket.labels)],
      ['Platforms', bucket.platforms.join(', ') || '—'],
      ['Latest version', bucket.latest_version ? versionRef(name, bucket.latest_version) : 'none yet'],
      ['Created', when(bucket.created_at)],
    ]),
    section('Versions', versionsTable(name, versions)),
    section('Channels', channelsTable(name, channels), ctx.canChange ? assignForm(ctx, name, channels, versions) : readOnlyNote('Assigning a channel needs a write or admin token.')),
    section('Channel history', historyTables(name, channels, histories)),
    section('Ancestry', ancestryTable(name, relations)),
  );
}
