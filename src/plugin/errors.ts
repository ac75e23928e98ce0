// The few kinds of error tsbuild knows. The kind decides how a failure is reported: a usage or configuration
// error is the user's to fix, an external one is a failure of the system being driven (Docker Engine, an SSH host,
// a cloud API, a provisioner's command), a cancellation is what the user asked for, and an internal one is our bug:
// it is reported as such, with its stack.

import type { Diagnostic } from '../diag/diagnostic.js';

export type ErrorKind = 'usage' | 'configuration' | 'external' | 'cancelled' | 'internal';

/** Bad command-line use: an unknown flag value, a missing argument. */
export class UsageError extends Error {
  readonly kind = 'usage';
  override name = 'UsageError';
}

/** A plugin configuration that failed to decode at run time (with the builder's generated data). */
export class ConfigError extends Error {
  readonly kind = 'configuration';
  override name = 'ConfigError';
  constructor(readonly diagnostics: Diagnostic[], rendered: string) {
    super(rendered);
  }
}

/** A system outside tsbuild failed or refused: `system` names it ("Docker Engine", "SSH", "EC2"). */
export class ExternalError extends Error {
  readonly kind = 'external';
  override name = 'ExternalError';
  constructor(readonly system: string, message: string, options?: ErrorOptions) {
    super(message, options);
  }
}

/** A build stopped because the user cancelled it (Ctrl-C, SIGTERM). */
export class CancelledError extends Error {
  readonly kind = 'cancelled';
  override name = 'CancelledError';
  constructor(message = 'Build was cancelled.') {
    super(message);
  }
}

/** A state that cannot happen unless tsbuild has a bug. */
export class InternalError extends Error {
  readonly kind = 'internal';
  override name = 'InternalError';
}

/** JavaScript's own errors: thrown by the language or the runtime at a mistake in the code, never by intent. */
const LANGUAGE_ERRORS: readonly (new (...a: never[]) => Error)[] = [TypeError, RangeError, ReferenceError, SyntaxError, EvalError, URIError];

/**
 * The kind of anything thrown. Errors carrying a kind keep it; an AbortError is a cancellation; JavaScript's own
 * errors (a TypeError...) are our bugs, also when they are the cause of a wrapping error; any other Error is a
 * failure of the system being driven (a command's exit status, a daemon's answer, a file system error).
 */
export function errorKind(e: unknown): ErrorKind {
  if (e instanceof AggregateError && e.errors.some((x) => errorKind(x) === 'internal')) return 'internal';
  if (e instanceof Error && 'kind' in e && typeof e.kind === 'string') return e.kind as ErrorKind;
  if (e instanceof Error && e.name === 'AbortError') return 'cancelled';
  if (LANGUAGE_ERRORS.some((c) => e instanceof c) && !hasSystemCode(e) && !hasSystemCode((e as Error).cause)) return 'internal';
  if (e instanceof Error && e.cause !== undefined && errorKind(e.cause) === 'internal') return 'internal';
  if (!(e instanceof Error)) return 'internal';
  return 'external';
}

/** Node's system errors (ECONNREFUSED, ENOENT...) and its ERR_* codes: raised by the outside or by input. */
function hasSystemCode(e: unknown): boolean {
  return typeof e === 'object' && e !== null && typeof (e as NodeJS.ErrnoException).code === 'string';
}

export function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** The error at the bottom of an internal failure: through wrapping errors' causes and aggregates' members. */
function rootOf(e: unknown): unknown {
  if (e instanceof AggregateError) {
    const inner = e.errors.find((x) => errorKind(x) === 'internal');
    if (inner !== undefined) return rootOf(inner);
  }
  if (e instanceof Error && e.cause !== undefined && errorKind(e.cause) === 'internal') return rootOf(e.cause);
  return e;
}

/** The text for an internal error: what we ask of the user, and the stack that shows where our bug is. */
export function internalErrorText(e: unknown): string {
  const root = rootOf(e);
  return `internal error, please report: ${root instanceof Error ? (root.stack ?? root.message) : String(root)}`;
}
