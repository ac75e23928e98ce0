// Error bodies as HCP's API sends them (gRPC gateway): `{ code, message, details }` with a gRPC status code, and
// the matching HTTP status.

import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { isForeignKeyViolation, StoreError } from '../store/store.js';

export class HttpError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    message: string,
  ) {
    super(message);
  }
}

const GRPC_CODES: Partial<Record<number, number>> = { 400: 3, 401: 16, 403: 7, 404: 5, 409: 6, 413: 3, 415: 3, 500: 13, 503: 14 };

export function sendError(c: Context, status: ContentfulStatusCode, message: string): Response {
  return c.json({ code: GRPC_CODES[status] ?? 2, message, details: [] }, status);
}

const STORE_STATUS: Record<StoreError['kind'], ContentfulStatusCode> = { not_found: 404, conflict: 409, invalid: 400, unavailable: 503 };

/** The one place errors become responses: known failures say what went wrong; anything else is our bug (500). */
export function handleError(e: Error, c: Context, log: (line: string) => void): Response {
  if (e instanceof HttpError) return sendError(c, e.status, e.message);
  if (e instanceof StoreError) return sendError(c, STORE_STATUS[e.kind], e.message);
  // A write that raced a delete of what it refers to: the request was valid when read; the caller may retry.
  if (isForeignKeyViolation(e)) return sendError(c, 409, 'a bucket, version or channel this change refers to was deleted meanwhile');
  log(`internal error on ${c.req.method} ${c.req.path}: ${e.stack ?? String(e)}`);
  return sendError(c, 500, 'internal error, please report');
}
