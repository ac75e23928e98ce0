// Access tokens for the Compute API, found as Packer's googlecompute finds them: access_token; a credentials file
// (account_file / credentials_file / credentials_json, else GOOGLE_APPLICATION_CREDENTIALS): a service account key
// (the JWT-bearer grant at the file's token_uri, as Go's oauth2/google does) or an authorized user (refresh token
// grant); else application default credentials (gcloud's file, the metadata server); then, with
// impersonate_service_account, a token of that account from the IAM Credentials API. Keys never leave this file.

import { createSign } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { GcpAccessConfig } from './access-config.js';

type Env = Readonly<Record<string, string | undefined>>;

export const GOOGLE_TOKEN_URI = 'https://oauth2.googleapis.com/token';
const IAM_CREDENTIALS = 'https://iamcredentials.googleapis.com';
/** The token's scopes: what Packer's driver asks for. */
const API_SCOPES = ['https://www.googleapis.com/auth/cloud-platform'];

interface Token {
  value: string;
  /** ms since the epoch */
  expires: number;
}

/** No access token could be had: the credentials' issuer refused, or could not be reached. */
export class TokenError extends Error {}

/** A source of access tokens, renewed a minute before they expire. */
export type TokenSource = () => Promise<string>;

interface CredentialsFile {
  type?: string;
  client_email?: string;
  private_key?: string;
  private_key_id?: string;
  token_uri?: string;
  client_id?: string;
  client_secret?: string;
  refresh_token?: string;
}

/** The credentials text a config names, and where it came from (for messages: never the text). */
export function credentialsText(c: GcpAccessConfig, cwd: string, env: Env): { text: string; from: string } | undefined {
  if (c.credentials_json) return { text: c.credentials_json, from: 'credentials_json' };
  const file = c.account_file || c.credentials_file;
  if (file) {
    if (file.trim().startsWith('{')) return { text: file, from: 'account_file' };
    return { text: readFileSync(resolve(cwd, file), 'utf8'), from: file };
  }
  const adc = env.GOOGLE_APPLICATION_CREDENTIALS;
  if (adc) return { text: readFileSync(resolve(cwd, adc), 'utf8'), from: `GOOGLE_APPLICATION_CREDENTIALS (${adc})` };
  return undefined;
}

async function postForm(url: string, form: Record<string, string>, signal: AbortSignal): Promise<Record<string, unknown>> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(form), signal });
  const body = (await res.json().catch(() => ({}))) as Record<string, unknown>;
  if (!res.ok) throw new Error(`${String(body.error ?? res.status)}${body.error_description ? `: ${String(body.error_description)}` : ''}`);
  return body;
}

function signedAssertion(f: CredentialsFile, tokenUri: string, scopes: string[]): string {
  const now = Math.floor(Date.now() / 1000);
  const part = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const unsigned = `${part({ alg: 'RS256', typ: 'JWT', ...(f.private_key_id ? { kid: f.private_key_id } : {}) })}.${part({ iss: f.client_email, scope: scopes.join(' '), aud: tokenUri, iat: now, exp: now + 3600 })}`;
  return `${unsigned}.${createSign('RSA-SHA256').update(unsigned).sign(f.private_key!).toString('base64url')}`;
}

const fromAnswer = (body: Record<string, unknown>): Token => ({ value: String(body.access_token ?? ''), expires: Date.now() + Number(body.expires_in ?? 3600) * 1000 });

/** Tokens from a credentials file's content. */
function fileTokens(f: CredentialsFile, from: string, signal: AbortSignal): () => Promise<Token> {
  if (f.type === 'service_account') {
    if (!f.client_email || !f.private_key) throw new Error(`The credentials in ${from} are a service account key without client_email or private_key`);
    const uri = f.token_uri || GOOGLE_TOKEN_URI;
    return async () => fromAnswer(await postForm(uri, { grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion: signedAssertion(f, uri, API_SCOPES) }, signal));
  }
  if (f.type === 'authorized_user') {
    const uri = f.token_uri || GOOGLE_TOKEN_URI;
    return async () => fromAnswer(await postForm(uri, { grant_type: 'refresh_token', refresh_token: f.refresh_token ?? '', client_id: f.client_id ?? '', client_secret: f.client_secret ?? '' }, signal));
  }
  throw new Error(`The credentials in ${from} are of type "${f.type ?? ''}": tsbuild reads service_account and authorized_user credentials`);
}

/** Application default credentials beyond a file: gcloud's well-known file, the metadata server (google-auth-library). */
async function defaultTokens(): Promise<() => Promise<Token>> {
  const { GoogleAuth } = await import('google-gax');
  const auth = new GoogleAuth({ scopes: API_SCOPES });
  return async () => {
    const value = await auth.getAccessToken();
    if (!value) throw new Error('application default credentials gave no access token');
    return { value, expires: Date.now() + 5 * 60_000 };
  };
}

/** A token of `email` made with the caller's token (IAM Credentials' generateAccessToken). */
function impersonated(base: TokenSource, email: string, endpoint: string, signal: AbortSignal): () => Promise<Token> {
  return async () => {
    const url = `${endpoint.replace(/\/+$/, '')}/v1/projects/-/serviceAccounts/${encodeURIComponent(email)}:generateAccessToken`;
    const res = await fetch(url, {
      method: 'POST',
      headers: { authorization: `Bearer ${await base()}`, 'content-type': 'application/json' },
      body: JSON.stringify({ scope: API_SCOPES, lifetime: '3600s' }),
      signal,
    });
    const body = (await res.json().catch(() => ({}))) as { accessToken?: string; expireTime?: string; error?: { message?: string } };
    if (!res.ok || !body.accessToken) throw new Error(`impersonating ${email}: ${body.error?.message ?? `HTTP ${res.status}`}`);
    return { value: body.accessToken, expires: body.expireTime ? Date.parse(body.expireTime) : Date.now() + 3600_000 };
  };
}

/** Why a token request failed: fetch's "fetch failed" says no more than that, its cause says what (ENOTFOUND...). */
function reason(e: unknown): string {
  const err = e as Error & { cause?: { code?: string; message?: string } };
  const cause = err.cause?.code ?? err.cause?.message;
  return cause && err.message === 'fetch failed' ? `fetch failed (${cause})` : err.message;
}

function cached(get: () => Promise<Token>, what: string): TokenSource {
  let token: Token | undefined;
  let pending: Promise<Token> | undefined;
  return async () => {
    if (token && token.expires - Date.now() > 60_000) return token.value;
    pending ??= get().finally(() => (pending = undefined));
    try {
      token = await pending;
    } catch (e) {
      throw new TokenError(`Error getting an access token for ${what}: ${reason(e)}`, { cause: e });
    }
    return token.value;
  };
}

/** The token source of a configuration; the signal stops token requests of a cancelled build. */
export async function tokenSource(c: GcpAccessConfig, cwd: string, env: Env, signal: AbortSignal): Promise<TokenSource> {
  if (c.access_token) {
    const value = c.access_token;
    return async () => value;
  }
  const found = credentialsText(c, cwd, env);
  let base: TokenSource;
  if (found) {
    let f: CredentialsFile;
    try {
      f = JSON.parse(found.text) as CredentialsFile;
    } catch {
      throw new Error(`The credentials in ${found.from} are not valid JSON`);
    }
    base = cached(fileTokens(f, found.from, signal), f.client_email ?? found.from);
  } else {
    base = cached(await defaultTokens(), 'application default credentials');
  }
  const target = c.impersonate_service_account;
  if (!target) return base;
  return cached(impersonated(base, target, c.custom_endpoints?.iamcredentials ?? IAM_CREDENTIALS, signal), target);
}
