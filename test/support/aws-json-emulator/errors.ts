// Errors of the AWS JSON 1.1 protocol: `{"__type": "...", "message": "..."}` with the service's HTTP status.
// Carried as the EC2 emulator's error class (a code, a message, a status), so that its fault injection serves here.

import { Ec2Error } from '../ec2-emulator/errors.js';

export { Ec2Error as JsonError };

/** The errors tests inject by code, with the status and message SSM and Secrets Manager answer them with. */
const KNOWN: Readonly<Record<string, { status: number; message: string }>> = {
  ThrottlingException: { status: 400, message: 'Rate exceeded' },
  InternalServerError: { status: 500, message: 'An error occurred on the server side.' },
  InternalServiceError: { status: 500, message: 'An error occurred on the server side.' },
  ServiceUnavailable: { status: 503, message: 'Service Unavailable' },
};

export function knownJsonError(code: string): Ec2Error {
  const known = KNOWN[code];
  return new Ec2Error(code, known?.message ?? `Injected error ${code}`, known?.status ?? 400);
}

export function jsonErrorBody(e: Ec2Error): string {
  return JSON.stringify({ __type: e.code, message: e.message });
}

export const accessDenied = (callerArn: string, action: string, resource: string) =>
  new Ec2Error('AccessDeniedException', `User: ${callerArn} is not authorized to perform: ${action} on resource: ${resource} because no identity-based policy allows the ${action} action`, 400);
