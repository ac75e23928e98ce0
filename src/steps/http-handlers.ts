// What the build's HTTP server answers: Go's http.FileServer for `http_directory` (files, index.html, folder
// listings, GET and HEAD), Packer's MapServer for `http_content` (exact paths, 404 with a "Did you mean").

import { createReadStream } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, posix } from 'node:path';
import { didYouMean } from '../diag/suggest.js';

export type Handler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.cfg': 'text/plain; charset=utf-8',
  '.json': 'application/json',
  '.xml': 'text/xml; charset=utf-8',
  '.sh': 'text/x-sh; charset=utf-8',
};

function requestPath(req: IncomingMessage): string {
  const raw = new URL(req.url ?? '/', 'http://x').pathname;
  let p: string;
  try {
    p = decodeURIComponent(raw);
  } catch {
    p = raw;
  }
  return posix.normalize(posix.join('/', p));
}

function notFound(res: ServerResponse, text: string): void {
  res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8', 'x-content-type-options': 'nosniff' });
  res.end(`${text}\n`);
}

export function handleContent(content: Readonly<Record<string, string>>): Handler {
  return async (req, res) => {
    const path = requestPath(req);
    if (!Object.hasOwn(content, path)) {
      notFound(res, `${path} not found.${didYouMean(path, Object.keys(content).sort())}`);
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[extname(path)] ?? 'text/plain; charset=utf-8' });
    res.end(req.method === 'HEAD' ? undefined : content[path]);
  };
}

/** Files under `root` only: the request path is normalised before it is joined. */
export function handleDirectory(root: string): Handler {
  return async (req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405).end();
      return;
    }
    const path = requestPath(req);
    let file = join(root, path);
    let info = await stat(file).catch(() => undefined);
    if (info?.isDirectory()) {
      const index = await stat(join(file, 'index.html')).catch(() => undefined);
      if (index?.isFile()) {
        file = join(file, 'index.html');
        info = index;
      } else {
        const names = (await readdir(file, { withFileTypes: true })).map((d) => (d.isDirectory() ? `${d.name}/` : d.name)).sort();
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        res.end(req.method === 'HEAD' ? undefined : `<pre>\n${names.map((n) => `<a href="${encodeURI(n)}">${n.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</a>`).join('\n')}\n</pre>\n`);
        return;
      }
    }
    if (!info?.isFile()) {
      notFound(res, '404 page not found');
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'content-length': info.size });
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    createReadStream(file).on('error', () => res.destroy()).pipe(res);
  };
}
