// A version: its status and revocation, its builds (with their metadata and parent), its artifacts by platform and
// region, and, for a token that may change the registry, revoke or restore.

import { call, enc } from './api.js';
import { code, el, facts, labelChips, link, section, statusBadge, table, when } from './dom.js';
import { readOnlyNote, restoreForm, revokeForm } from './change-forms.js';
import { revocationText } from './revocation.js';
import { bucketPath, versionPath } from './routes.js';

/** `key: value` lines in a table cell (values that are not text as JSON); a dash for none. */
function pairList(pairs) {
  const shown = pairs.filter(([, v]) => v !== undefined && v !== null && v !== '');
  if (shown.length === 0) return el('span', { class: 'none' }, '—');
  return el('dl', { class: 'pairs' }, shown.map(([k, v]) => [el('dt', {}, k), el('dd', {}, typeof v === 'string' || v instanceof Node ? v : JSON.stringify(v))]));
}

function parentRef(build, parents) {
  if (!build.parent_version_id) return undefined;
  const p = parents.get(build.parent_version_id);
  return p ? el('span', {}, link(bucketPath(p.bucket_name), p.bucket_name), ' ', link(versionPath(p.bucket_name, p.version_fingerprint), p.version_name)) : code(build.parent_version_id);
}

function buildsTable(builds, parents) {
  const rows = builds.map((b) => [
    el('strong', { class: 'component' }, b.component_type),
    b.platform,
    statusBadge(b.status),
    pairList([
      ['run', code(b.packer_run_uuid, true)],
      ['source image', b.source_external_identifier ? code(b.source_external_identifier) : undefined],
      ['parent', parentRef(b, parents)],
      ['labels', labelChips(b.labels)],
      ['updated', when(b.updated_at)],
    ]),
    pairList(Object.entries(b.metadata ?? {})),
  ]);
  return table(['Component', 'Platform', 'Status', 'Build', 'Metadata'], rows, 'No builds.', { id: 'builds' });
}

function artifactsTable(builds) {
  const all = builds.flatMap((b) => b.artifacts.map((a) => ({ ...a, platform: b.platform, component: b.component_type })));
  all.sort((a, b) => a.platform.localeCompare(b.platform) || a.region.localeCompare(b.region) || a.component.localeCompare(b.component));
  const rows = all.map((a) => [a.platform, a.region, code(a.external_identifier), a.component, labelChips(a.labels), when(a.created_at)]);
  return table(['Platform', 'Region', 'Image', 'Build', 'Labels', 'Created'], rows, 'No artifacts.', { id: 'artifacts' });
}

export async function versionView(ctx, bucket, fingerprint) {
  const path = `/buckets/${enc(bucket)}`;
  const [{ version: v }, { relations }] = await Promise.all([call('GET', `${path}/versions/${enc(fingerprint)}`), call('GET', `${path}/ancestry`)]);
  const parents = new Map(relations.map((r) => [r.parent.version_id, r.parent]));
  const revoked = v.status === 'VERSION_REVOKED' || v.status === 'VERSION_REVOCATION_SCHEDULED';
  const changes = section('Change', ctx.canChange ? (revoked ? restoreForm(ctx, v) : revokeForm(ctx, v)) : readOnlyNote('Revoking or restoring a version needs a write or admin token.'));
  return el(
    'div',
    {},
    el('nav', { class: 'crumbs' }, link('/', 'Buckets'), ' / ', link(bucketPath(bucket), bucket), ' / ', v.name),
    el('h1', {}, `${bucket} `, el('span', { class: 'version-name' }, v.name), ' ', statusBadge(v.status)),
    facts([
      ['Fingerprint', code(v.fingerprint)],
      ['Status', statusBadge(v.status)],
      ['Revocation', revocationText(v)],
      ['Revocation message', v.revocation_message],
      ['Parents', v.parents ? statusBadge(v.parents.status) : undefined],
      ['Has descendants', v.has_descendants ? 'yes' : 'no'],
      ['Author', v.author_id],
      ['Created', when(v.created_at)],
      ['Updated', when(v.updated_at)],
    ]),
    changes,
    section('Builds', buildsTable(v.builds, parents)),
    section('Artifacts by platform and region', artifactsTable(v.builds)),
  );
}
