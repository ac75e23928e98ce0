// The changes the page offers to a token that may make them: assign a channel, revoke a version (now or at a time)
// and restore it. Each form sends one request; a refusal shows the server's message under the form, a success
// reloads the view with a notice.

import { call, enc } from './api.js';
import { el } from './dom.js';

/** What a read token sees in place of a form: the server would refuse the change (403). */
export function readOnlyNote(sentence) {
  return el('p', { class: 'none read-only' }, sentence);
}

/** A form whose submit sends `request()` (resolving with the notice to show) and reports a failure under it. */
function changeForm(ctx, attrs, fields, submitLabel, request, buttonClass) {
  const error = el('p', { class: 'form-error', role: 'alert' });
  const button = el('button', { type: 'submit', class: buttonClass }, submitLabel);
  const form = el('form', { class: 'change', ...attrs }, fields, button, error);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    error.textContent = '';
    button.disabled = true;
    try {
      const notice = await request(new FormData(form));
      await ctx.done(notice);
    } catch (e) {
      error.textContent = e.message;
      button.disabled = false;
    }
  });
  return form;
}

/** Points a channel at a version (creating the channel when the bucket has none of that name). */
export function assignForm(ctx, bucket, channels, versions) {
  const existing = new Set(channels.map((c) => c.name));
  const names = channels.filter((c) => !c.managed).map((c) => el('option', { value: c.name }));
  // A revoked version cannot be assigned (the server refuses it): listed, but not offered.
  const choices = versions.filter((v) => v.name !== 'v0').map((v) => el('option', { value: v.fingerprint, disabled: v.status === 'VERSION_REVOKED' }, `${v.name} (${v.fingerprint}) ${v.status.replace(/^VERSION_/, '')}`));
  const fields = [
    el('label', {}, 'Channel ', el('input', { name: 'channel', required: true, list: 'channel-names', autocomplete: 'off', placeholder: 'production' }), el('datalist', { id: 'channel-names' }, names)),
    el('label', {}, 'Version ', el('select', { name: 'fingerprint', required: true }, choices)),
  ];
  return changeForm(ctx, { id: 'assign-channel', 'aria-label': 'Assign a channel' }, [el('h3', {}, 'Assign a channel'), fields], 'Assign', async (data) => {
    const channel = String(data.get('channel')).trim();
    const fingerprint = String(data.get('fingerprint'));
    const path = `/buckets/${enc(bucket)}/channels`;
    const body = { version_fingerprint: fingerprint };
    const res = existing.has(channel) ? await call('PATCH', `${path}/${enc(channel)}`, body) : await call('POST', path, { name: channel, ...body });
    return `Channel ${channel} now points at ${res.channel.version?.name ?? fingerprint}.`;
  });
}

/** Revokes a version now or at a time (the browser's local time), with HCP's options. */
export function revokeForm(ctx, version) {
  const fields = [
    el('h3', {}, 'Revoke this version'),
    el('fieldset', {}, el('legend', {}, 'When'), el('label', {}, el('input', { type: 'radio', name: 'when', value: 'now', checked: true }), ' now'), el('label', {}, el('input', { type: 'radio', name: 'when', value: 'at' }), ' at ', el('input', { type: 'datetime-local', name: 'at', 'aria-label': 'Revoke at (local time)' }))),
    el('label', { class: 'wide' }, 'Message ', el('input', { name: 'message', placeholder: 'why users must stop using it', size: 50 })),
    el('label', {}, el('input', { type: 'checkbox', name: 'skip_descendants_revocation' }), ' skip descendants (versions built from this one stay valid)'),
    el('label', {}, el('input', { type: 'checkbox', name: 'disable_rollback_channels' }), ' do not roll channels back'),
  ];
  return changeForm(ctx, { id: 'revoke', 'aria-label': 'Revoke' }, fields, 'Revoke', async (data) => {
    const body = { revocation_message: String(data.get('message') ?? '') };
    if (data.get('when') === 'at') {
      const at = new Date(String(data.get('at')));
      if (Number.isNaN(at.getTime())) throw new Error('Choose the time to revoke at.');
      body.revoke_at = at.toISOString();
    } else body.revoke_in = '0s';
    if (data.get('skip_descendants_revocation')) body.skip_descendants_revocation = true;
    if (data.get('disable_rollback_channels')) body.disable_rollback_channels = true;
    const res = await call('PATCH', `/buckets/${enc(version.bucket_name)}/versions/${enc(version.fingerprint)}`, body);
    return `Version ${res.version.name} is ${res.version.status === 'VERSION_REVOKED' ? 'revoked' : 'scheduled for revocation'}.`;
  }, 'danger');
}

/** Restores a revoked version, or cancels a scheduled revocation. */
export function restoreForm(ctx, version) {
  const what = version.status === 'VERSION_REVOKED' ? 'Restore this version' : 'Cancel the scheduled revocation';
  return changeForm(ctx, { id: 'restore', 'aria-label': 'Restore' }, [el('h3', {}, what)], 'Restore', async () => {
    const res = await call('PATCH', `/buckets/${enc(version.bucket_name)}/versions/${enc(version.fingerprint)}`, { restore: true });
    return `Version ${res.version.name} is restored.`;
  });
}
