// The page's entry: asks for a token once (checked against GET /caller, then kept in sessionStorage), shows the view
// the address's hash names, and reports failures above it: an unknown token brings back the token form with the
// server's message, anything else (a refusal, a registry that does not answer) shows in the error line.

import { ApiError, call, forgetToken, storedToken, storeToken } from './api.js';
import { bucketView } from './bucket-view.js';
import { bucketsView } from './buckets-view.js';
import { el } from './dom.js';
import { parseHash } from './routes.js';
import { versionView } from './version-view.js';

const main = document.getElementById('main');
const session = document.getElementById('session');
const notice = document.getElementById('notice');
const errorLine = document.getElementById('error');

/** The presented token's scope and author, once checked. */
let caller;
/** Counts renders, so that a slow view does not replace the one the user went to after it. */
let generation = 0;

function showError(message) {
  errorLine.replaceChildren(message ? el('p', {}, message) : '');
}

function signInForm(message) {
  const input = el('input', { type: 'password', name: 'token', required: true, autocomplete: 'off', 'aria-label': 'Token', placeholder: 'tsbr_…', size: 48 });
  const form = el(
    'form',
    { id: 'sign-in', class: 'change' },
    el('h1', {}, 'Enter a registry token'),
    el('p', {}, 'A read token shows the registry; a write or admin token also revokes, restores and assigns channels. Create one with ', el('code', {}, 'tsbuild registry token create -scope read|write|admin'), '. The token stays in this tab only.'),
    el('label', {}, 'Token ', input),
    el('button', { type: 'submit' }, 'Use token'),
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const token = input.value.trim();
    try {
      caller = (await call('GET', '/caller', undefined, token)).caller;
      storeToken(token);
      await render();
    } catch (e) {
      showError(e.message);
    }
  });
  session.replaceChildren();
  main.replaceChildren(form);
  showError(message);
  input.focus();
}

function showSession() {
  const forget = el('button', { type: 'button', class: 'link' }, 'Forget token');
  forget.addEventListener('click', () => {
    forgetToken();
    caller = undefined;
    notice.replaceChildren();
    signInForm();
  });
  session.replaceChildren(el('span', { id: 'scope' }, `${caller.scope} token`), el('small', {}, ` (${caller.author_id})`), ' ', forget);
}

async function viewOf(place, ctx) {
  if (place.view === 'bucket') return bucketView(ctx, place.bucket);
  if (place.view === 'version') return versionView(ctx, place.bucket, place.fingerprint);
  return bucketsView();
}

async function render() {
  const mine = ++generation;
  if (!storedToken()) return signInForm();
  try {
    caller ??= (await call('GET', '/caller')).caller;
    showSession();
    const ctx = {
      canChange: caller.scope === 'write' || caller.scope === 'admin',
      async done(message) {
        await render();
        notice.replaceChildren(el('p', {}, message));
      },
    };
    const view = await viewOf(parseHash(location.hash), ctx);
    if (mine !== generation) return;
    showError();
    main.replaceChildren(view);
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) {
      forgetToken();
      caller = undefined;
      return signInForm(e.message);
    }
    if (mine !== generation) return;
    showError(e.message);
    main.replaceChildren(el('p', { class: 'none' }, 'This view could not be loaded. ', el('button', { type: 'button', class: 'link', click: () => render() }, 'Try again')));
  }
}

window.addEventListener('hashchange', () => {
  notice.replaceChildren();
  void render();
});
void render();
