// Compute Engine's errors: an HTTP status, a message and a reason, answered in Google's JSON shape
// `{ "error": { "code", "message", "errors": [{ "message", "domain", "reason" }], "status" } }`.

export class GceError extends Error {
  constructor(
    readonly status: number,
    readonly reason: string,
    message: string,
  ) {
    super(message);
  }
}

/** gRPC-style status names Google puts beside the HTTP code. */
const STATUS_NAMES: Readonly<Record<number, string>> = {
  400: 'INVALID_ARGUMENT',
  401: 'UNAUTHENTICATED',
  403: 'PERMISSION_DENIED',
  404: 'NOT_FOUND',
  409: 'ALREADY_EXISTS',
  429: 'RESOURCE_EXHAUSTED',
  500: 'INTERNAL',
  503: 'UNAVAILABLE',
};

export function errorBody(e: GceError): string {
  const status = STATUS_NAMES[e.status] ?? 'UNKNOWN';
  return JSON.stringify({ error: { code: e.status, message: e.message, errors: [{ message: e.message, domain: 'global', reason: e.reason }], status } });
}

/** The errors tests inject by reason, with Google's status and message. */
const KNOWN: Readonly<Record<string, { status: number; message: string }>> = {
  rateLimitExceeded: { status: 429, message: 'Rate Limit Exceeded' },
  backendError: { status: 503, message: 'Backend Error' },
  internalError: { status: 500, message: 'Internal Error' },
  forbidden: { status: 403, message: 'Required permission denied' },
};

export function knownGceError(reason: string): GceError {
  const k = KNOWN[reason];
  return new GceError(k?.status ?? 400, reason, k?.message ?? `Injected error ${reason}`);
}

export const notFound = (what: string) => new GceError(404, 'notFound', `The resource '${what}' was not found`);
export const alreadyExists = (what: string) => new GceError(409, 'alreadyExists', `The resource '${what}' already exists`);
