// One HTTP request with redirects followed as Go's http.Client follows them (Packer's http data source uses it):
// at most 10; 301, 302 and 303 turn the request into a GET without a body (HEAD stays HEAD); 307 and 308 repeat
// it as it was; credentials are not sent to another host.

import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';

export interface HttpRequest {
  method: string;
  url: URL;
  headers: Readonly<Record<string, string>>;
  body?: string;
}

export interface HttpResponse {
  status: number;
  statusText: string;
  /** Header names in Go's canonical form (`Content-Type`); repeated headers joined with ", " (RFC 2616). */
  headers: Record<string, string>;
  body: string;
  /** Where the answer came from, after redirects. */
  url: URL;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const MAX_REDIRECTS = 10;
const CREDENTIALS = ['authorization', 'www-authenticate', 'cookie', 'cookie2'];

/** Go's textproto.CanonicalMIMEHeaderKey for the usual header names. */
export function canonicalHeaderName(name: string): string {
  return /^[A-Za-z0-9-]+$/.test(name) ? name.toLowerCase().replace(/(^|-)([a-z])/g, (_m, dash: string, c: string) => dash + c.toUpperCase()) : name;
}

function responseHeaders(res: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i + 1 < res.rawHeaders.length; i += 2) {
    const name = canonicalHeaderName(res.rawHeaders[i]!);
    const value = res.rawHeaders[i + 1]!;
    out[name] = Object.hasOwn(out, name) ? `${out[name]}, ${value}` : value;
  }
  return out;
}

function hasHeader(headers: Readonly<Record<string, string>>, name: string): boolean {
  return Object.keys(headers).some((k) => k.toLowerCase() === name);
}

function sendOnce(req: HttpRequest, signal: AbortSignal): Promise<{ res: IncomingMessage; body: Buffer }> {
  const headers: Record<string, string> = { ...req.headers };
  if (!hasHeader(headers, 'user-agent')) headers['User-Agent'] = 'tsbuild';
  if (req.body !== undefined && !hasHeader(headers, 'content-length')) headers['Content-Length'] = String(Buffer.byteLength(req.body));
  const send = req.url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const r = send(req.url, { method: req.method, headers, signal }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', reject);
      res.on('end', () => resolve({ res, body: Buffer.concat(chunks) }));
    });
    r.on('error', reject);
    r.end(req.body);
  });
}

/** Sends `first` and follows redirects; resolves with the final answer whatever its status. */
export async function sendFollowingRedirects(first: HttpRequest, signal: AbortSignal): Promise<HttpResponse> {
  let req = first;
  for (let hops = 0; ; hops++) {
    const { res, body } = await sendOnce(req, signal);
    const status = res.statusCode ?? 0;
    const location = res.headers.location;
    if (!REDIRECTS.has(status) || !location) {
      return { status, statusText: res.statusMessage ?? '', headers: responseHeaders(res), body: body.toString('utf8'), url: req.url };
    }
    if (hops >= MAX_REDIRECTS) throw new Error(`stopped after ${MAX_REDIRECTS} redirects (last: ${req.url.href})`);
    const next = new URL(location, req.url);
    const repeat = status === 307 || status === 308;
    const headers = next.host === req.url.host ? req.headers : Object.fromEntries(Object.entries(req.headers).filter(([k]) => !CREDENTIALS.includes(k.toLowerCase())));
    req = { method: repeat || req.method === 'HEAD' ? req.method : 'GET', url: next, headers, body: repeat ? req.body : undefined };
  }
}
