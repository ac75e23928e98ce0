// Functions that read the environment or secret stores: env, vault, consul_key, aws_secretsmanager and
// aws_secretsmanager_raw. Secret stores are reached over HTTP; failures say which address was tried.

import { T, Value } from '../value/value.js';
import { signJsonRequest } from './aws-sigv4.js';
import { requestSync, type HttpResponse } from './http-sync.js';
import { FunctionError, define, param, type FunctionContext, type FunctionDef } from './types.js';

const str = (name: string) => param(name, T.string);

function request(what: string, req: Parameters<typeof requestSync>[0]): HttpResponse {
  try {
    return requestSync(req);
  } catch (e) {
    throw new FunctionError(`${what}: ${(e as Error).message}`);
  }
}

function parseJSON(text: string, what: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new FunctionError(`${what}: the response is not JSON`);
  }
}

/** Reads `key` of the KV secret at `path` (KV v1 or v2) from Vault at VAULT_ADDR with VAULT_TOKEN. */
export function readVault(path: string, key: string, ctx: FunctionContext): string {
  const token = ctx.env.VAULT_TOKEN;
  if (!token) throw new FunctionError('Must set VAULT_TOKEN env var in order to use vault template function');
  const addr = (ctx.env.VAULT_ADDR || 'https://127.0.0.1:8200').replace(/\/+$/, '');
  const headers: Record<string, string> = { 'X-Vault-Token': token };
  if (ctx.env.VAULT_NAMESPACE) headers['X-Vault-Namespace'] = ctx.env.VAULT_NAMESPACE;
  const res = request('Error reading vault secret', { url: `${addr}/v1/${path.replace(/^\/+/, '')}`, headers });
  if (res.status === 404) throw new FunctionError('Vault Secret does not exist at the given path');
  const body = parseJSON(res.body, `Error reading vault secret at ${addr}`) as { data?: Record<string, unknown>; errors?: string[]; warnings?: string[] };
  if (res.status >= 400) {
    throw new FunctionError(`Error reading vault secret: Code: ${res.status}. Errors: ${(body.errors ?? []).map((e) => `* ${e}`).join(' ')}`);
  }
  const data = body.data ?? {};
  const nested = data.data;
  if (nested === undefined) {
    if (typeof data[key] === 'string') return data[key] as string;
    throw new FunctionError(`Vault data was empty at the given path. Warnings: ${(body.warnings ?? []).join('; ')}`);
  }
  const value = (nested as Record<string, unknown> | null)?.[key];
  if (typeof value === 'string') return value;
  throw new FunctionError('Vault path does not contain the requested key');
}

/** Reads a key from Consul's KV store at CONSUL_HTTP_ADDR. */
export function readConsul(key: string, ctx: FunctionContext): string {
  let addr = ctx.env.CONSUL_HTTP_ADDR || '127.0.0.1:8500';
  if (!/^https?:\/\//.test(addr)) addr = `${ctx.env.CONSUL_HTTP_SSL === 'true' ? 'https' : 'http'}://${addr}`;
  const headers: Record<string, string> = {};
  if (ctx.env.CONSUL_HTTP_TOKEN) headers['X-Consul-Token'] = ctx.env.CONSUL_HTTP_TOKEN;
  const res = request('error reading consul key', { url: `${addr.replace(/\/+$/, '')}/v1/kv/${key.replace(/^\/+/, '')}`, headers });
  if (res.status === 404) throw new FunctionError(`key does not exist at the given path: ${key}`);
  if (res.status >= 400) throw new FunctionError(`error reading consul key: Unexpected response code: ${res.status} (${res.body.trim()})`);
  const entries = parseJSON(res.body, `error reading consul key from ${addr}`) as { Value?: string | null }[];
  const value = Buffer.from(entries[0]?.Value ?? '', 'base64').toString('utf8');
  if (value === '') throw new FunctionError(`value is empty at path ${key}`);
  return value;
}

/** The SecretString of a Secrets Manager secret, signed with credentials from the environment. */
export function readAwsSecret(name: string, ctx: FunctionContext): string {
  if (name === '') throw new FunctionError('At least one secret name must be provided');
  const { env } = ctx;
  const region = env.AWS_REGION || env.AWS_DEFAULT_REGION;
  if (!env.AWS_ACCESS_KEY_ID || !env.AWS_SECRET_ACCESS_KEY || !region) {
    throw new FunctionError(
      'aws_secretsmanager needs AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and AWS_REGION in the environment ' +
        '(shared credential files, profiles and instance roles need the AWS SDK, which is not included)',
    );
  }
  const endpoint = (env.AWS_ENDPOINT_URL_SECRETS_MANAGER || env.AWS_ENDPOINT_URL || `https://secretsmanager.${region}.amazonaws.com`).replace(/\/+$/, '') + '/';
  const body = JSON.stringify({ SecretId: name, VersionStage: 'AWSCURRENT' });
  const headers = signJsonRequest({
    url: endpoint,
    region,
    service: 'secretsmanager',
    target: 'secretsmanager.GetSecretValue',
    body,
    credentials: { accessKeyId: env.AWS_ACCESS_KEY_ID, secretAccessKey: env.AWS_SECRET_ACCESS_KEY, sessionToken: env.AWS_SESSION_TOKEN },
    now: ctx.now(),
  });
  const res = request('error reading AWS secret', { url: endpoint, method: 'POST', headers, body });
  const reply = parseJSON(res.body, `error reading AWS secret from ${endpoint}`) as { SecretString?: string; __type?: string; message?: string; Message?: string };
  if (res.status >= 400) {
    const text = String(reply.Message ?? reply.message ?? res.status).replace(/\.$/, '');
    throw new FunctionError(`${(reply.__type ?? 'Error').split('#').pop()}: ${text}`);
  }
  if (typeof reply.SecretString !== 'string') throw new FunctionError('Secret is not string');
  return reply.SecretString;
}

/** The value of a secret's JSON key (or its only value), or the plain text of a non-JSON secret. */
export function secretValue(text: string, key: string): string {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return text;
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) return text;
  const entries = Object.entries(data as Record<string, unknown>);
  if (key === '' && entries.length > 1) throw new FunctionError('Secret has multiple values and no key was set');
  const found = key === '' ? entries[0] : entries.find(([k]) => k === key);
  if (!found) throw new FunctionError(`No secret found for key ${JSON.stringify(key)}`);
  return typeof found[1] === 'string' ? found[1] : JSON.stringify(found[1]);
}

export const contextualFunctions: Record<string, FunctionDef> = {
  env: define({ params: [str('key')], returns: T.string, impl: ([k], ctx) => Value.string(ctx.env[k!.asString()] ?? '') }),
  vault: define({
    params: [str('path'), str('key')],
    returns: T.string,
    impl: ([p, k], ctx) => Value.string(readVault(p!.asString(), k!.asString(), ctx)),
  }),
  consul_key: define({ params: [str('key')], returns: T.string, impl: ([k], ctx) => Value.string(readConsul(k!.asString(), ctx)) }),
  aws_secretsmanager: define({
    params: [str('name'), str('key')],
    returns: T.string,
    impl: ([n, k], ctx) => Value.string(secretValue(readAwsSecret(n!.asString(), ctx), k!.asString())),
  }),
  aws_secretsmanager_raw: define({
    params: [str('name')],
    returns: T.string,
    impl: ([n], ctx) => Value.string(readAwsSecret(n!.asString(), ctx)),
  }),
};
