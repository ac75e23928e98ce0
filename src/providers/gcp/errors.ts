// Compute's errors as people read them: `<message> (<reason>, HTTP <code>)`; and which ones are worth a retry.

/** What the REST transport's GoogleError carries. */
interface ApiError {
  message?: string;
  code?: number;
  statusDetails?: unknown;
  errors?: { reason?: string }[];
  /** HTTP status, on errors the transport builds from the answer. */
  status?: number | string;
  response?: { status?: number };
  cause?: unknown;
  reason?: string;
}

/** gRPC codes of the REST transport's errors, by the HTTP status Google answered with. */
const GRPC_TO_HTTP: Readonly<Record<number, number>> = { 3: 400, 5: 404, 6: 409, 7: 403, 8: 429, 9: 412, 13: 500, 14: 503, 16: 401, 4: 504 };

/** The HTTP status of a failed call. */
export function httpStatusOf(e: unknown): number | undefined {
  const err = e as ApiError | undefined;
  if (!err || typeof err !== 'object') return undefined;
  if (typeof err.response?.status === 'number') return err.response.status;
  if (typeof err.code === 'number') return GRPC_TO_HTTP[err.code] ?? (err.code >= 100 ? err.code : undefined);
  return undefined;
}

/** Google's reason (`rateLimitExceeded`, `notFound`...) when the answer said. */
export function reasonOf(e: unknown): string | undefined {
  const err = e as ApiError | undefined;
  if (err?.reason) return err.reason;
  const details = JSON.stringify(err?.statusDetails ?? '');
  return /"reason":"([^"]+)"/.exec(details)?.[1];
}

export function isNotFound(e: unknown): boolean {
  return httpStatusOf(e) === 404;
}

/** Throttling and transient server errors: retried with backoff. */
export function isRetryable(e: unknown): boolean {
  const s = httpStatusOf(e);
  return s === 429 || s === 500 || s === 502 || s === 503 || s === 504;
}

export function gceErrorMessage(e: unknown): string {
  const err = e as ApiError;
  const message = (err?.message ?? String(e)).replace(/^\d+ [A-Z_]+: /, '');
  const status = httpStatusOf(e);
  const reason = reasonOf(e);
  const extra = [reason, status ? `HTTP ${status}` : undefined].filter(Boolean).join(', ');
  return extra ? `${message} (${extra})` : message;
}

/** An operation that ended with errors: Compute's codes and messages. */
export class OperationError extends Error {
  constructor(
    readonly codes: string[],
    message: string,
  ) {
    super(message);
  }
}
