// Channel lookups (data sources, Terraform: the requests a registry gets most) answered straight from Node's request,
// ahead of the Hono app, without the Fetch Request and Response objects, the routing and the middleware chain that the
// app spends on every request: about a sixth of a replica's CPU time per kept lookup (README, "The registry").
//
// Only the plain success is answered here, with the app's own parts: the token cache and lookup cache it shares
// (app.ts, createCaches), and the same functions for the answers (channelDocument, stateDocument). It is the same
// answer as the app's, byte for byte and with the same headers. Anything else goes to the app untouched, which
// answers it as before: another method, a path with a query, a percent-encoded character or a trailing slash, a
// missing or unknown token, and any failure while working the answer out (the app works it out again and answers
// with the error: failures are never kept, so this costs only failed lookups).

import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { API_PREFIX } from '../api/types.js';
import type { Store } from '../store/store.js';
import type { RegistryCaches } from './app.js';
import { tokenOf } from './auth.js';
import type { Caller } from './env.js';
import { channelDocument, keptLookup } from './routes/channels.js';
import { stateDocument } from './routes/terraform.js';

const ROUTES = [
  { prefix: `${API_PREFIX}/buckets/`, route: 'channel', answer: channelDocument },
  { prefix: '/terraform/v1/buckets/', route: 'terraform', answer: stateDocument },
] as const;

/** `BUCKET/channels/CHANNEL`, names without anything to decode. */
const REST = /^([^/?#%]+)\/channels\/([^/?#%]+)$/;

export interface LookupListenerOptions {
  store: Store;
  caches: RegistryCaches;
}

/** A request listener that answers channel lookups and gives every other request to `app`. */
export function lookupListener(o: LookupListenerOptions, app: RequestListener): RequestListener {
  const { store, caches } = o;
  const answerLookup = async (req: IncomingMessage, res: ServerResponse, found: (typeof ROUTES)[number], bucket: string, channel: string) => {
    const presented = tokenOf(req.headers.authorization ?? '');
    const token = presented === undefined ? undefined : await caches.tokens.verify(store, presented).catch(() => undefined);
    if (!token) return app(req, res);
    const caller: Caller = { scope: token.scope, author: `token:${token.id}` };
    let text: string;
    try {
      text = await keptLookup(caches.lookups, store, caller, found.route, bucket, channel, found.answer);
    } catch {
      return app(req, res);
    }
    res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) }).end(text);
  };
  return (req, res) => {
    const url = req.url ?? '';
    if (req.method === 'GET') {
      for (const found of ROUTES) {
        if (!url.startsWith(found.prefix)) continue;
        const names = REST.exec(url.slice(found.prefix.length));
        // Nothing in it is expected to throw; should it, the connection closes rather than the process.
        if (names) return void answerLookup(req, res, found, names[1]!, names[2]!).catch(() => res.destroy());
      }
    }
    return app(req, res);
  };
}
