// One EC2 call of a step: the SDK retries throttling and 5xx itself (max_retries); what still fails is reported
// with what the step was doing. A cancelled build's call stops at once.

import { CancelledError } from '../../src/engine/cancel.js';
import { awsErrorMessage } from '../../src/providers/aws/sdk-errors.js';

/** Runs `send` (an `ec2.send(command, options)`); a failure becomes `doing: <EC2's error>`. */
export async function ec2Call<T>(signal: AbortSignal, doing: string, send: (options: { abortSignal: AbortSignal }) => Promise<T>): Promise<T> {
  try {
    return await send({ abortSignal: signal });
  } catch (e) {
    if (signal.aborted) throw new CancelledError();
    throw new Error(`${doing}: ${awsErrorMessage(e)}`, { cause: e });
  }
}

/** EC2's error code of a failed call (`InvalidInstanceID.NotFound`), also through ec2Call's wrapping. */
export function ec2ErrorCode(e: unknown): string | undefined {
  let err = e as { name?: string; Code?: string; cause?: unknown } | undefined;
  while (err) {
    if (err.Code) return err.Code;
    if (err.name && err.name !== 'Error') return err.name;
    err = err.cause as typeof err;
  }
  return undefined;
}
