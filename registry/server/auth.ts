// Bearer token authentication: every route needs a token this registry issued; a change needs a write or admin one.

import type { MiddlewareHandler } from 'hono';
import { findToken } from '../store/tokens.js';
import { canWrite, type RegistryEnv } from './env.js';
import { HttpError } from './errors.js';

const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export const authenticate: MiddlewareHandler<RegistryEnv> = async (c, next) => {
  const header = c.req.header('authorization') ?? '';
  const m = /^Bearer\s+(\S+)$/i.exec(header);
  if (!m) throw new HttpError(401, 'missing token: send "Authorization: Bearer <token>" (tsbuild registry token create)');
  const token = await findToken(c.var.store, m[1]!);
  if (!token) throw new HttpError(401, 'unknown token');
  const caller = { scope: token.scope, author: `token:${token.id}` };
  if (!READ_METHODS.has(c.req.method) && !canWrite(caller)) throw new HttpError(403, `a ${token.scope} token cannot change the registry: use a write or admin token`);
  c.set('caller', caller);
  await next();
};
