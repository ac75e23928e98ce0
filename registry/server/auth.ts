// Bearer token authentication: every route needs a token this registry issued; a change needs a write or admin one.

import type { IncomingMessage } from 'node:http';
import type { Context, MiddlewareHandler } from 'hono';
import { canWrite, type RegistryEnv } from './env.js';
import { HttpError } from './errors.js';

const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The token of a request: `Bearer <token>`, or a Basic password (what Terraform's http backend sends). */
export function tokenOf(header: string): string | undefined {
  const bearer = /^Bearer\s+(\S+)$/i.exec(header);
  if (bearer) return bearer[1];
  const basic = /^Basic\s+(\S+)$/i.exec(header);
  if (!basic) return undefined;
  const decoded = Buffer.from(basic[1]!, 'base64').toString('utf8');
  return decoded.includes(':') ? decoded.slice(decoded.indexOf(':') + 1) || undefined : undefined;
}

/**
 * The Authorization header: from Node's request when there is one (the Node adapter makes a Headers object of all
 * the request's headers at the first one asked for), else from the Fetch request (app.request() in tests).
 */
function authorizationOf(c: Context<RegistryEnv>): string {
  const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
  return (incoming ? incoming.headers.authorization : c.req.header('authorization')) ?? '';
}

export const authenticate: MiddlewareHandler<RegistryEnv> = async (c, next) => {
  const presented = tokenOf(authorizationOf(c));
  if (!presented) throw new HttpError(401, 'missing token: send "Authorization: Bearer <token>" (tsbuild registry token create)');
  const token = await c.get('tokens').verify(c.get('store'), presented);
  if (!token) throw new HttpError(401, 'unknown token');
  const caller = { scope: token.scope, author: `token:${token.id}` };
  if (!READ_METHODS.has(c.req.method) && !canWrite(caller)) throw new HttpError(403, `a ${token.scope} token cannot change the registry: use a write or admin token`);
  c.set('caller', caller);
  await next();
};
