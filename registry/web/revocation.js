// How a version's revocation reads: who revoked it, when, why, and from which ancestor it was inherited.

import { el, timeText } from './dom.js';

/** One line on the revocation, or undefined for a version that is neither revoked nor scheduled to be. */
export function revocationText(v) {
  if (v.status !== 'VERSION_REVOKED' && v.status !== 'VERSION_REVOCATION_SCHEDULED') return undefined;
  const at = v.status === 'VERSION_REVOKED' ? `revoked ${timeText(v.revoke_at)}` : `to be revoked ${timeText(v.revoke_at)}`;
  const by = v.revocation_author ? ` by ${v.revocation_author}` : '';
  const from = v.revocation_inherited_from ? ` (inherited from ${v.revocation_inherited_from.bucket_name} ${v.revocation_inherited_from.name})` : '';
  return `${at}${by}${from}`;
}

/** The revocation's cell in a table: its message on the first line, the rest below. */
export function revocationCell(v) {
  const text = revocationText(v);
  if (!text) return el('span', { class: 'none' }, '—');
  return el('span', { class: 'revocation' }, v.revocation_message ? el('span', { class: 'message' }, `“${v.revocation_message}”`) : el('span', { class: 'none' }, 'no message'), el('br'), el('small', {}, text));
}
