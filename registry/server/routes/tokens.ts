// Token management for admin tokens: GET /tokens lists them (id, scope, description, author, creation; never the
// secret nor its hash), DELETE /tokens/{id} revokes one. Not an HCP route: HCP manages service principals through
// its IAM API. Tokens are created with `tsbuild registry token create -db`, which needs no server.

import { Hono, type Context } from 'hono';
import { listTokens, revokeToken } from '../../store/tokens.js';
import { isAdmin, type RegistryEnv } from '../env.js';
import { HttpError } from '../errors.js';
import { readNoBody } from '../request.js';

function needAdmin(c: Context<RegistryEnv>): void {
  if (!isAdmin(c.var.caller)) throw new HttpError(403, `a ${c.var.caller.scope} token cannot manage tokens: use an admin token`);
}

export const tokenRoutes = new Hono<RegistryEnv>()
  .get('/tokens', async (c) => {
    needAdmin(c);
    return c.json({ tokens: await listTokens(c.var.store) });
  })
  .delete('/tokens/:id', async (c) => {
    needAdmin(c);
    await readNoBody(c);
    const id = c.req.param('id');
    await revokeToken(c.var.store, id);
    c.var.tokens.forget(id);
    return c.json({});
  });
