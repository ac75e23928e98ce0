// Reading requests: JSON bodies (an object, or a 400 that says why) and HCP's pagination query parameters.

import type { Context } from 'hono';
import type { PageRequest } from '../api/types.js';
import { HttpError } from './errors.js';

/** The request body as a JSON object; an empty body is `{}`. */
export async function readJson(c: Context): Promise<Record<string, unknown>> {
  const text = await c.req.text();
  if (text.trim() === '') return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new HttpError(400, `request body is not valid JSON: ${(e as Error).message}`);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new HttpError(400, 'request body must be a JSON object');
  return value as Record<string, unknown>;
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
