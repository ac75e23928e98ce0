// What EC2's errors mean to a cleaner: "not found" is a resource already gone; some refusals pass with time
// (a security group still used by an instance that is terminating) and are tried again, for a bounded time.

import { makePoller, pollSettings } from '../../providers/aws/poll.js';
import { awsErrorMessage } from '../../providers/aws/sdk-errors.js';

type Env = Readonly<Record<string, string | undefined>>;

/** EC2's error code (the SDK's error name). */
export const codeOf = (e: unknown): string => String((e as { name?: unknown } | undefined)?.name ?? '');

/** EC2's and STS's answers to credentials they do not take. */
const REFUSED = new Set(['AuthFailure', 'UnauthorizedOperation', 'InvalidClientTokenId', 'ExpiredToken', 'RequestExpired', 'SignatureDoesNotMatch']);

/** Where cleanup's credentials come from, for a message about credentials that were refused or not found. */
export const CREDENTIALS_HINT =
  'tsbuild cleanup finds credentials as the AWS SDKs do, with the profile, credentials file and role the template named; keys a template gave are not kept: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (or AWS_PROFILE) for it';

export const refusedCredentials = (e: unknown): boolean => REFUSED.has(codeOf(e));

/** InvalidInstanceID.NotFound, InvalidGroup.NotFound, InvalidLaunchTemplateName.NotFoundException... */
export function isNotFound(e: unknown): boolean {
  const code = codeOf(e);
  return /\.NotFound(Exception)?$/.test(code) || code === 'InvalidAMIID.Unavailable';
}

/** Runs `call`; undefined when EC2 says the resource is not there. */
export async function unlessNotFound<T>(call: () => Promise<T>): Promise<T | undefined> {
  try {
    return await call();
  } catch (e) {
    if (isNotFound(e)) return undefined;
    throw e;
  }
}

/** How long a refusal that passes with time is tried again. */
export const RETRY_BOUND_MS = 5 * 60_000;

/**
 * Runs `call` until EC2 stops answering `code` (checking soon, then less often, as builds wait: AWS_POLL_DELAY_SECONDS
 * and AWS_MAX_ATTEMPTS apply), for at most RETRY_BOUND_MS; whether the resource was there (a NotFound is `false`).
 */
export async function retryWhile(code: string, what: string, call: () => Promise<unknown>, env: Env): Promise<boolean> {
  let refusal: unknown;
  let failure: unknown;
  const poller = makePoller(pollSettings(undefined, env));
  const check = async () => {
    try {
      await call();
      return true;
    } catch (e) {
      if (isNotFound(e)) return false;
      if (codeOf(e) !== code) throw (failure = e);
      refusal = e;
      return undefined;
    }
  };
  try {
    return await poller.until({ what, defaultTimeoutMs: RETRY_BOUND_MS, check }, new AbortController().signal);
  } catch (e) {
    // Timed out (the poller's error): EC2's last refusal says why.
    if (e === failure || refusal === undefined) throw e;
    throw new Error(`${(e as Error).message}; EC2 said: ${awsErrorMessage(refusal)}`, { cause: refusal });
  }
}
