// The registry's JSON API as the page uses it: the token the user entered (kept in sessionStorage, so it lasts as
// long as the tab and is sent only to this server) in `Authorization: Bearer`, and failures as messages a person
// can act on: the server's own message with its status, or that the registry cannot be reached.

export const API_PREFIX = '/packer/2023-01-01/organizations/default/projects/default';
const TOKEN_KEY = 'tsbuild-registry-token';

export const enc = encodeURIComponent;

export function storedToken() {
  return sessionStorage.getItem(TOKEN_KEY);
}

export function storeToken(token) {
  sessionStorage.setItem(TOKEN_KEY, token);
}

export function forgetToken() {
  sessionStorage.removeItem(TOKEN_KEY);
}

export class ApiError extends Error {
  /** `status` 0: no answer. */
  constructor(message, status) {
    super(message);
    this.status = status;
  }
}

const HINTS = {
  401: 'The registry does not accept this token',
  403: 'This token may not do that',
  404: 'Not found',
};

/** A request to the API (`path` under the project prefix), with `token` or the stored one; resolves with the JSON body. */
export async function call(method, path, body, token = storedToken()) {
  const headers = { authorization: `Bearer ${token ?? ''}` };
  if (body !== undefined) headers['content-type'] = 'application/json';
  let res;
  try {
    res = await fetch(`${API_PREFIX}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch (e) {
    throw new ApiError(`Cannot reach the registry at ${location.origin} (${e.message}): is \`tsbuild registry serve\` running?`, 0);
  }
  const data = await res.json().catch(() => undefined);
  if (!res.ok) {
    const said = data && typeof data.message === 'string' ? data.message : res.statusText;
    throw new ApiError(`${HINTS[res.status] ?? 'The registry refused the request'} (${res.status}): ${said}`, res.status);
  }
  return data;
}

/** Every item of a paginated list (`key` is the list's field: `buckets`, `versions`...). */
export async function readAll(key, path) {
  const items = [];
  let next;
  do {
    const sep = path.includes('?') ? '&' : '?';
    const page = await call('GET', next ? `${path}${sep}pagination.next_page_token=${enc(next)}` : path);
    items.push(...page[key]);
    next = page.pagination?.next_page_token;
  } while (next);
  return items;
}
