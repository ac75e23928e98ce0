// Reading requests: JSON bodies (an object, or a 4xx that says why) and HCP's pagination query parameters.

import type { IncomingMessage } from 'node:http';
import type { Context } from 'hono';
import type { PageRequest } from '../api/types.js';
import { HttpError } from './errors.js';

const JSON_TYPE = /^application\/([a-z0-9.+-]*\+)?json\s*(;|$)/i;

/**
 * The request body's bytes, all of them: a body the connection lost part of is a 400 and the request is not carried
 * out (a DELETE whose body was cut off must not delete), whether reading it fails or merely ends early.
 */
async function readBytes(c: Context): Promise<Uint8Array> {
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await c.req.arrayBuffer());
  } catch (e) {
    throw new HttpError(400, `request body could not be read: ${(e as Error).message}`);
  }
  // On Node, the server's IncomingMessage knows whether the whole message arrived (app.request() in tests has none).
  const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
  const length = c.req.header('content-length');
  if (incoming?.complete === false || (length !== undefined && !c.req.header('transfer-encoding') && Number(length) !== bytes.length)) {
    throw new HttpError(400, 'request body cut short: the connection ended before all of it arrived');
  }
  return bytes;
}

/**
 * A string the databases store as it was sent: no NUL (PostgreSQL's text refuses it) and no lone surrogate (it
 * would be stored as U+FFFD).
 */
function checkStrings(value: unknown, where: string): void {
  if (typeof value === 'string') {
    if (value.includes('\0')) throw new HttpError(400, `${where} holds a NUL character (\\u0000), which the registry does not store`);
    if (/\p{Cs}/u.test(value)) throw new HttpError(400, `${where} holds an unpaired surrogate (${JSON.stringify(value.match(/\p{Cs}/u)![0])}): it is not valid Unicode`);
  } else if (Array.isArray(value)) value.forEach((v, i) => checkStrings(v, `${where}[${i}]`));
  else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      checkStrings(k, `a key of ${where}`);
      checkStrings(v, `${where}.${k}`);
    }
  }
}

/** The request body as a JSON object (UTF-8, sent as application/json); an empty body is `{}`. */
export async function readJson(c: Context): Promise<Record<string, unknown>> {
  const bytes = await readBytes(c);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new HttpError(400, 'request body is not valid UTF-8');
  }
  if (text.trim() === '') return {};
  const type = c.req.header('content-type');
  if (type !== undefined && !JSON_TYPE.test(type)) throw new HttpError(415, `request body must be JSON sent as "Content-Type: application/json", got ${JSON.stringify(type)}`);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new HttpError(400, `request body is not valid JSON: ${(e as Error).message}`);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new HttpError(400, 'request body must be a JSON object');
  checkStrings(value, 'the request body');
  return value as Record<string, unknown>;
}

/** A DELETE takes no body: one sent is refused, not ignored. */
export async function readNoBody(c: Context): Promise<void> {
  if ((await readBytes(c)).length > 0) throw new HttpError(400, `${c.req.method} ${c.req.path} takes no request body`);
}

/** `pagination.page_size` and `pagination.next_page_token`, as HCP's list routes take them. */
export function readPage(c: Context): PageRequest {
  const size = c.req.query('pagination.page_size');
  const token = c.req.query('pagination.next_page_token');
  const req: PageRequest = {};
  if (size !== undefined && size !== '') {
    if (!/^\d+$/.test(size)) throw new HttpError(400, `pagination.page_size must be a whole number, got ${JSON.stringify(size)}`);
    req.page_size = Number(size);
  }
  if (token) req.next_page_token = token;
  return req;
}

/** The list response's pagination object. */
export function pagination(next: string | undefined): { next_page_token?: string } {
  return next ? { next_page_token: next } : {};
}
