// ARM's errors: an HTTP status and `{"error":{"code","message"}}`. Tests inject them by code.

import { Ec2Error } from '../ec2-emulator/errors.js';

/** An error as ARM answers it (the fault rules' error type is shared with the EC2 emulator). */
export class ArmError extends Ec2Error {}

const KNOWN: Readonly<Record<string, { status: number; message: string }>> = {
  TooManyRequests: { status: 429, message: 'The request is being throttled as the limit has been reached for operation type - Write_30Min.' },
  InternalServerError: { status: 500, message: 'Encountered internal server error. Diagnostic information: timestamp, activity id.' },
  ServiceUnavailable: { status: 503, message: 'The service is temporarily unavailable.' },
  OperationNotAllowed: {
    status: 409,
    message: 'Operation could not be completed as it results in exceeding approved standardBSFamily Cores quota. Current Limit: 0, Current Usage: 0, Additional Required: 1.',
  },
};

export function knownArmError(code: string): Ec2Error {
  const known = KNOWN[code];
  return new ArmError(code, known?.message ?? `Injected error ${code}`, known?.status ?? 400);
}

export const notFound = (type: string, name: string, rg?: string) =>
  new ArmError('ResourceNotFound', `The Resource '${type}/${name}' under resource group '${rg ?? ''}' was not found. For more details please go to https://aka.ms/ARMResourceNotFoundFix`, 404);

export const groupNotFound = (rg: string) => new ArmError('ResourceGroupNotFound', `Resource group '${rg}' could not be found.`, 404);
