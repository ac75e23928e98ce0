// A typed client for the registry's routes that builds and the `tsbuild registry` subcommands use, on fetch. It is the
// only part of the registry a build loads: no server, store or database code. Every failure names the registry's address and says what went wrong
// (no answer, a refused token, the server's own message).

import type { BuildUpdate } from '../store/builds.js';
import type { ArtifactVersion, Bucket, Build, Channel, ChannelAssignment, Labels, TokenInfo, Version } from './types.js';
import type { VersionChange } from './version-change.js';
import { API_PREFIX } from './types.js';

/** Where a client finds the registry and its token. */
export const REGISTRY_URL_ENV = 'TSBUILD_REGISTRY_URL';
export const REGISTRY_TOKEN_ENV = 'TSBUILD_REGISTRY_TOKEN';

export class RegistryError extends Error {
  constructor(
    message: string,
    /** The HTTP status, when the server answered. */
    readonly status?: number,
  ) {
    super(message);
  }
}

export interface ClientOptions {
  url: string;
  token?: string;
  /** Bound on each request, connection included (10 s unless given). */
  timeoutMs?: number;
}

/** What a build record takes (the store's own type: imported for its shape only, nothing of the store loads). */
export type BuildFields = BuildUpdate;

/** A client from TSBUILD_REGISTRY_URL and TSBUILD_REGISTRY_TOKEN, or undefined when no address is set. */
export function clientFromEnv(env: Readonly<Record<string, string | undefined>>): RegistryClient | undefined {
  const url = env[REGISTRY_URL_ENV];
  if (!url) return undefined;
  return new RegistryClient({ url, token: env[REGISTRY_TOKEN_ENV] || undefined });
}

const enc = encodeURIComponent;

export class RegistryClient {
  readonly url: string;
  private readonly base: string;

  constructor(private readonly o: ClientOptions) {
    this.url = o.url.replace(/\/+$/, '');
    this.base = `${this.url}${API_PREFIX}`;
  }

  /** The bucket, or undefined when the registry has none of that name. */
  async findBucket(name: string): Promise<Bucket | undefined> {
    return this.orMissing(async () => (await this.call<{ bucket: Bucket }>('GET', `/buckets/${enc(name)}`)).bucket);
  }

  async createBucket(input: { name: string; description?: string; labels?: Labels }): Promise<Bucket> {
    return (await this.call<{ bucket: Bucket }>('POST', '/buckets', input)).bucket;
  }

  async updateBucket(name: string, input: { description?: string; labels?: Labels }): Promise<Bucket> {
    return (await this.call<{ bucket: Bucket }>('PATCH', `/buckets/${enc(name)}`, input)).bucket;
  }

  /** The version with that fingerprint, or undefined when the bucket has none. */
  async findVersion(bucket: string, fingerprint: string): Promise<Version | undefined> {
    return this.orMissing(async () => (await this.call<{ version: Version }>('GET', `/buckets/${enc(bucket)}/versions/${enc(fingerprint)}`)).version);
  }

  async createVersion(bucket: string, input: { fingerprint: string; parent_version_id?: string }): Promise<Version> {
    return (await this.call<{ version: Version }>('POST', `/buckets/${enc(bucket)}/versions`, input)).version;
  }

  async createBuild(bucket: string, fingerprint: string, input: BuildFields & { component_type: string }): Promise<Build> {
    return (await this.call<{ build: Build }>('POST', `/buckets/${enc(bucket)}/versions/${enc(fingerprint)}/builds`, input)).build;
  }

  /** Changes a build; the registry completes the version when its last build is done. */
  async updateBuild(bucket: string, fingerprint: string, buildId: string, input: BuildFields): Promise<Build> {
    return (await this.call<{ build: Build }>('PATCH', `/buckets/${enc(bucket)}/versions/${enc(fingerprint)}/builds/${enc(buildId)}`, input)).build;
  }

  async findChannel(bucket: string, channel: string): Promise<Channel | undefined> {
    return this.orMissing(async () => (await this.call<{ channel: Channel }>('GET', `/buckets/${enc(bucket)}/channels/${enc(channel)}`)).channel);
  }

  /** The bucket's channels (restricted ones only for a write or admin token). */
  async listChannels(bucket: string): Promise<Channel[]> {
    return (await this.call<{ channels: Channel[] }>('GET', `/buckets/${enc(bucket)}/channels`)).channels;
  }

  /** Points a channel at a version, creating the channel when the bucket has none of that name (or using the one a concurrent client created). */
  async assignChannel(bucket: string, channel: string, fingerprint: string): Promise<Channel> {
    const body = { version_fingerprint: fingerprint };
    const assign = async () => (await this.call<{ channel: Channel }>('PATCH', `/buckets/${enc(bucket)}/channels/${enc(channel)}`, body)).channel;
    if (await this.findChannel(bucket, channel)) return assign();
    try {
      return (await this.call<{ channel: Channel }>('POST', `/buckets/${enc(bucket)}/channels`, { name: channel, ...body })).channel;
    } catch (e) {
      // Another client created the channel meanwhile: it exists now, so it is assigned.
      if (e instanceof RegistryError && e.status === 409) return assign();
      throw e;
    }
  }

  /** The channel's assignments, newest first, all pages read. */
  async listChannelHistory(bucket: string, channel: string): Promise<ChannelAssignment[]> {
    return this.readAll('history', `/buckets/${enc(bucket)}/channels/${enc(channel)}/history`);
  }

  /** Every bucket, all pages read. */
  async listBuckets(): Promise<Bucket[]> {
    return this.readAll('buckets', '/buckets');
  }

  /** The bucket's versions, newest first, all pages read. */
  async listVersions(bucket: string): Promise<Version[]> {
    return this.readAll('versions', `/buckets/${enc(bucket)}/versions`);
  }

  async listBuilds(bucket: string, fingerprint: string): Promise<Build[]> {
    return this.readAll('builds', `/buckets/${enc(bucket)}/versions/${enc(fingerprint)}/builds`);
  }

  /** Revokes a version (now or at a time) or restores it: HCP's UpdateVersion. */
  async updateVersion(bucket: string, fingerprint: string, change: VersionChange): Promise<Version> {
    return (await this.call<{ version: Version }>('PATCH', `/buckets/${enc(bucket)}/versions/${enc(fingerprint)}`, change)).version;
  }

  /** The versions that published these images (identifiers the registry does not know are left out). */
  async findArtifactVersions(externalIds: string[]): Promise<ArtifactVersion[]> {
    const found: ArtifactVersion[] = [];
    for (const query of lookupQueries(externalIds)) found.push(...(await this.call<{ artifacts: ArtifactVersion[] }>('GET', `/artifacts/versions?${query}`)).artifacts);
    return found;
  }

  /** Every token (no secret): an admin token only. */
  async listTokens(): Promise<TokenInfo[]> {
    return (await this.call<{ tokens: TokenInfo[] }>('GET', '/tokens', undefined, 'admin')).tokens;
  }

  /** Revokes a token: an admin token only. */
  async revokeToken(id: string): Promise<void> {
    await this.call('DELETE', `/tokens/${enc(id)}`, undefined, 'admin');
  }

  /** Follows `pagination.next_page_token` until the last page. */
  private async readAll<T>(key: string, path: string): Promise<T[]> {
    const items: T[] = [];
    let token: string | undefined;
    do {
      const query = token ? `?pagination.next_page_token=${enc(token)}` : '';
      const page = await this.call<Record<string, unknown> & { pagination?: { next_page_token?: string } }>('GET', `${path}${query}`);
      items.push(...((page[key] as T[] | undefined) ?? []));
      token = page.pagination?.next_page_token;
    } while (token);
    return items;
  }

  private async orMissing<T>(f: () => Promise<T>): Promise<T | undefined> {
    try {
      return await f();
    } catch (e) {
      if (e instanceof RegistryError && e.status === 404) return undefined;
      throw e;
    }
  }

  /** `need`: the scope a refusal (403) tells the user to use. */
  private async call<T>(method: string, path: string, body?: unknown, need: 'write' | 'admin' = 'write'): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (this.o.token) headers.authorization = `Bearer ${this.o.token}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const timeoutMs = this.o.timeoutMs ?? 10_000;
    let res: Response;
    let text: string;
    try {
      const init: RequestInit = { method, headers, signal: AbortSignal.timeout(timeoutMs) };
      if (body !== undefined) init.body = JSON.stringify(body);
      res = await fetch(`${this.base}${path}`, init);
      text = await res.text();
    } catch (e) {
      throw new RegistryError(`the image registry at ${this.url} did not answer ${method} ${path}: ${transportReason(e, timeoutMs)}`);
    }
    if (res.ok) return (text ? JSON.parse(text) : {}) as T;
    throw new RegistryError(`the image registry at ${this.url} refused ${method} ${path}: ${statusReason(res.status, text, need)}`, res.status);
  }
}

/** The lookup's query strings: at most 100 identifiers (the server's bound) and about 6000 characters (well inside a server's URL limit) each. */
function lookupQueries(ids: string[]): string[] {
  const queries: string[] = [];
  let parts: string[] = [];
  let length = 0;
  for (const id of ids) {
    const part = `external_identifier=${enc(id)}`;
    if (parts.length > 0 && (parts.length === 100 || length + part.length > 6000)) {
      queries.push(parts.join('&'));
      [parts, length] = [[], 0];
    }
    parts.push(part);
    length += part.length + 1;
  }
  if (parts.length > 0) queries.push(parts.join('&'));
  return queries;
}

function transportReason(e: unknown, timeoutMs: number): string {
  const err = e as Error & { cause?: { code?: string; message?: string } };
  if (err.name === 'TimeoutError') return `no answer within ${timeoutMs / 1000} s`;
  const cause = err.cause;
  if (cause?.code === 'ECONNREFUSED') return 'connection refused (is `tsbuild registry serve` running there?)';
  if (cause?.code === 'ENOTFOUND') return 'host not found';
  return cause?.message ?? err.message;
}

function statusReason(status: number, text: string, need: 'write' | 'admin'): string {
  let message = text.trim().slice(0, 400);
  try {
    const parsed = JSON.parse(text) as { message?: unknown };
    if (typeof parsed.message === 'string') message = parsed.message;
  } catch {
    // Not the registry's JSON (a proxy's page): its text is shown as it is.
  }
  const hint = status === 401 ? ` (set ${REGISTRY_TOKEN_ENV} to a token from \`tsbuild registry token create\`)` : status === 403 ? ` (${REGISTRY_TOKEN_ENV} needs ${need === 'admin' ? 'an admin' : 'a write or admin'} token)` : '';
  return `${status} ${message}${hint}`;
}
