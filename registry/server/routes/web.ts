// The registry's web page: `/` is its HTML, `/ui/{file}` its stylesheet and modules. No token is needed to load
// them: the page asks for one and sends it with each API request. The Content-Security-Policy lets the page run only
// its own scripts and talk only to this server, so that data shown on it can never run as code.

import { Hono } from 'hono';
import type { RegistryEnv } from '../env.js';
import { HttpError } from '../errors.js';
import { webFiles } from '../web-files.js';

export const WEB_PREFIX = '/ui';

const CSP = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

function send(name: string): Response {
  const file = webFiles().get(name);
  if (!file) throw new HttpError(404, `no file ${JSON.stringify(name)} in the web page`);
  return new Response(file.body, {
    headers: { 'content-type': file.contentType, 'content-security-policy': CSP, 'x-content-type-options': 'nosniff', 'cache-control': 'no-cache' },
  });
}

export const webRoutes = new Hono<RegistryEnv>().get('/', () => send('index.html')).get(`${WEB_PREFIX}/:file`, (c) => send(c.req.param('file')));
