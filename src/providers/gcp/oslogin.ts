// The OS Login API calls of the googlecompute builder's use_os_login: import a public key into a user's login
// profile (the answer names the profile's POSIX accounts) and delete it by fingerprint. Two JSON calls with the
// driver's bearer token: @google-cloud/os-login would add a package and its protos (and a gRPC client) for them.
// Throttling and 5xx are retried with backoff, as the Compute calls are.

import { createHash } from 'node:crypto';
import { CancelledError, sleep } from '../../engine/cancel.js';
import type { GcpAccessConfig } from './access-config.js';
import { credentialsText, type TokenSource } from './credentials.js';

type Env = Readonly<Record<string, string | undefined>>;

export const OSLOGIN_ENDPOINT = 'https://oslogin.googleapis.com';
const MAX_ATTEMPTS = 6;

export interface PosixAccount {
  username: string;
  primary?: boolean;
  uid?: string;
  homeDirectory?: string;
}

export interface LoginProfile {
  name?: string;
  posixAccounts: PosixAccount[];
  sshPublicKeys: Record<string, { key?: string; fingerprint?: string }>;
}

/** The API's base URL: custom_endpoints.oslogin (with or without its `v1/`), else Google's. */
export function osLoginBase(custom: string | undefined): string {
  return (custom || OSLOGIN_ENDPOINT).replace(/\/+$/, '').replace(/\/v1$/, '');
}

/** The fingerprint OS Login files a key under: the SHA-256 of the key text, in hex. */
export function keyFingerprint(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

/**
 * Whose profile the key goes into: impersonate_service_account, else the client_email of the service account key
 * the credentials file (or GOOGLE_APPLICATION_CREDENTIALS) holds. Undefined when neither says (an access token,
 * an authorized user, the metadata server).
 */
export function osLoginUser(c: GcpAccessConfig, cwd: string, env: Env): string | undefined {
  if (c.impersonate_service_account) return c.impersonate_service_account;
  if (c.access_token) return undefined;
  try {
    const found = credentialsText(c, cwd, env);
    if (!found) return undefined;
    const f = JSON.parse(found.text) as { type?: string; client_email?: string };
    return f.type === 'service_account' && f.client_email ? f.client_email : undefined;
  } catch {
    return undefined;
  }
}

interface GoogleErrorBody {
  error?: { code?: number; message?: string; status?: string } | string;
  error_description?: string;
}

function describe(status: number, body: GoogleErrorBody): string {
  const e = body.error;
  if (e && typeof e === 'object') return `${e.message ?? 'no message'} (${[e.status, `HTTP ${status}`].filter(Boolean).join(', ')})`;
  return `HTTP ${status}${typeof e === 'string' ? `: ${e}` : ''}`;
}

/** One OS Login call, retried on 429 and 5xx; 404 answers `undefined` when `missingOk`. */
async function send(token: TokenSource, method: string, url: string, body: unknown, doing: string, signal: AbortSignal, missingOk = false): Promise<unknown> {
  for (let attempt = 1; ; attempt++) {
    if (signal.aborted) throw new CancelledError();
    const bearer = await token();
    let res: Response;
    try {
      res = await fetch(url, {
        method,
        headers: { authorization: `Bearer ${bearer}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal,
      });
    } catch (e) {
      if (signal.aborted) throw new CancelledError();
      const err = e as Error & { cause?: { code?: string } };
      throw new Error(`${doing}: ${err.message}${err.cause?.code ? ` (${err.cause.code})` : ''}`, { cause: e });
    }
    const text = await res.text();
    if (res.ok) return text ? (JSON.parse(text) as unknown) : {};
    if (res.status === 404 && missingOk) return undefined;
    if ((res.status === 429 || res.status >= 500) && attempt < MAX_ATTEMPTS) {
      const after = Number(res.headers.get('retry-after'));
      await sleep(Number.isFinite(after) && after > 0 ? Math.min(after * 1000, 10_000) : Math.min(200 * 2 ** (attempt - 1), 5000), signal);
      continue;
    }
    let parsed: GoogleErrorBody = {};
    try {
      parsed = JSON.parse(text) as GoogleErrorBody;
    } catch {
      // not JSON: the status says enough
    }
    throw new Error(`${doing}: ${describe(res.status, parsed)}`);
  }
}

/** Imports `key` into `user`'s login profile for `project`; `expireUsec` (µs since the epoch) makes it expire. */
export async function importSshKey(
  base: string,
  token: TokenSource,
  o: { user: string; key: string; project: string; expireUsec?: number },
  signal: AbortSignal,
): Promise<LoginProfile> {
  const url = `${base}/v1/users/${encodeURIComponent(o.user)}:importSshPublicKey?projectId=${encodeURIComponent(o.project)}`;
  const body = { key: o.key, ...(o.expireUsec ? { expirationTimeUsec: String(o.expireUsec) } : {}) };
  const answer = (await send(token, 'POST', url, body, 'Error importing SSH public key for OSLogin', signal)) as { loginProfile?: Partial<LoginProfile> };
  const p = answer.loginProfile ?? {};
  return { name: p.name, posixAccounts: p.posixAccounts ?? [], sshPublicKeys: p.sshPublicKeys ?? {} };
}

/** Deletes a key of `user`'s login profile; 'gone' when the profile has no such key. */
export async function deleteSshKey(base: string, token: TokenSource, user: string, fingerprint: string, signal: AbortSignal): Promise<'deleted' | 'gone'> {
  const url = `${base}/v1/users/${encodeURIComponent(user)}/sshPublicKeys/${encodeURIComponent(fingerprint)}`;
  const answer = await send(token, 'DELETE', url, undefined, 'Error deleting SSH public key for OSLogin', signal, true);
  return answer === undefined ? 'gone' : 'deleted';
}
