// GET /caller: the presented token's scope and the author its changes are recorded under, so that a client (the web
// page) knows whether to offer changes before trying one. Not an HCP route: HCP tells roles through its IAM API.

import { Hono } from 'hono';
import type { RegistryEnv } from '../env.js';

export const callerRoutes = new Hono<RegistryEnv>().get('/caller', (c) => c.json({ caller: { scope: c.var.caller.scope, author_id: c.var.caller.author } }));
