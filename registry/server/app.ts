// The registry's HTTP API: HCP Packer's 2023-01-01 routes under /packer/2023-01-01/organizations/{org}/projects/{project},
// where a self-hosted registry has one organization and one project, both `default`; and its web page, at `/`.

import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { Store } from '../store/store.js';
import { authenticate } from './auth.js';
import type { RegistryEnv } from './env.js';
import { handleError, HttpError, sendError } from './errors.js';
import { createLookupCache, type LookupCache, type LookupCacheOptions } from './lookup-cache.js';
import { createTokenCache, type TokenCache, type TokenCacheOptions } from './token-cache.js';
import { bucketRoutes } from './routes/buckets.js';
import { callerRoutes } from './routes/caller.js';
import { channelRoutes } from './routes/channels.js';
import { lookupRoutes } from './routes/lookup.js';
import { terraformRoutes } from './routes/terraform.js';
import { tokenRoutes } from './routes/tokens.js';
import { versionRoutes } from './routes/versions.js';
import { webRoutes } from './routes/web.js';

export interface AppOptions {
  store: Store;
  /** Largest request body accepted (1 MiB unless given). */
  maxBodyBytes?: number;
  /** Where internal errors are told (stderr in `serve`). */
  log?: (line: string) => void;
  /** The cache of verified tokens (5 s; see token-cache.ts). */
  tokenCache?: TokenCacheOptions;
  /** The answers to channel lookups kept (see lookup-cache.ts). */
  lookupCache?: LookupCacheOptions;
  /** The caches themselves, when the listener answers lookups too (lookup-listener.ts); made from the options above otherwise. */
  caches?: RegistryCaches;
}

/** What the app and the listener's lookups share: a token revoked through the app is forgotten by both. */
export interface RegistryCaches {
  tokens: TokenCache;
  lookups: LookupCache;
}

export function createCaches(o: Pick<AppOptions, 'tokenCache' | 'lookupCache'> = {}): RegistryCaches {
  return { tokens: createTokenCache(o.tokenCache), lookups: createLookupCache(o.lookupCache) };
}

export function createApp(o: AppOptions): Hono<RegistryEnv> {
  const log = o.log ?? ((line) => process.stderr.write(`${line}\n`));
  const maxSize = o.maxBodyBytes ?? 1024 * 1024;
  const limit = bodyLimit({ maxSize, onError: (c) => sendError(c, 413, `request body larger than ${maxSize} bytes`) });
  const { tokens, lookups } = o.caches ?? createCaches(o);
  const project = new Hono<RegistryEnv>()
    .use('*', async (c, next) => {
      const { org, project: name } = c.req.param() as { org: string; project: string };
      if (org !== 'default' || name !== 'default') throw new HttpError(404, `organization ${JSON.stringify(org)} / project ${JSON.stringify(name)} not found: a self-hosted registry has organization "default" and project "default"`);
      await next();
    })
    .use('*', authenticate)
    // A GET or HEAD has no body (the Node adapter gives it none): the check is skipped, and with it the making of a
    // full Request object for every lookup.
    .use('*', (c, next) => (c.req.method === 'GET' || c.req.method === 'HEAD' ? next() : limit(c, next)))
    .route('/', bucketRoutes)
    .route('/', versionRoutes)
    .route('/', channelRoutes)
    .route('/', lookupRoutes)
    .route('/', callerRoutes)
    .route('/', tokenRoutes);
  return new Hono<RegistryEnv>()
    .use('*', async (c, next) => {
      // A NUL in a name or query value: PostgreSQL's text cannot hold one, so no registry object has one.
      if (/%00/.test(c.req.url)) throw new HttpError(400, 'the request address holds a NUL character (%00)');
      c.set('store', o.store);
      c.set('tokens', tokens);
      c.set('lookups', lookups);
      await next();
    })
    .route('/packer/2023-01-01/organizations/:org/projects/:project', project)
    // Read only: Terraform's http backend reads a channel's image as a state document.
    .use('/terraform/v1/*', authenticate)
    .route('/terraform/v1', terraformRoutes)
    .route('/', webRoutes)
    .notFound((c) => sendError(c, 404, `no route for ${c.req.method} ${c.req.path}`))
    .onError((e, c) => handleError(e, c, log));
}
