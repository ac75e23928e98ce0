// EC2's errors: a code, a message and an HTTP status, answered as
// `<Response><Errors><Error><Code/><Message/></Error></Errors><RequestID/></Response>`.

import { escapeXml } from './xml.js';

export class Ec2Error extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status = 400,
  ) {
    super(message);
  }
}

/** The errors tests inject by code, with EC2's status and message. */
export const KNOWN_ERRORS: Readonly<Record<string, { status: number; message: string }>> = {
  RequestLimitExceeded: { status: 503, message: 'Request limit exceeded.' },
  InternalError: { status: 500, message: 'An internal error has occurred' },
  Unavailable: { status: 503, message: 'The server is overloaded and can\'t handle the request' },
  ServiceUnavailable: { status: 503, message: 'The request has failed due to a temporary failure of the server.' },
  InsufficientInstanceCapacity: { status: 500, message: 'We currently do not have sufficient capacity in the Availability Zone you requested.' },
  UnauthorizedOperation: { status: 403, message: 'You are not authorized to perform this operation.' },
};

export function knownError(code: string): Ec2Error {
  const known = KNOWN_ERRORS[code];
  return new Ec2Error(code, known?.message ?? `Injected error ${code}`, known?.status ?? 400);
}

export function ec2ErrorXml(e: Ec2Error, requestId: string): string {
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    `<Response><Errors><Error><Code>${escapeXml(e.code)}</Code><Message>${escapeXml(e.message)}</Message></Error></Errors>` +
    `<RequestID>${requestId}</RequestID></Response>`
  );
}

/** STS answers errors in its own shape. */
export function stsErrorXml(e: Ec2Error, requestId: string): string {
  const type = e.status >= 500 ? 'Receiver' : 'Sender';
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    `<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><Error><Type>${type}</Type><Code>${escapeXml(e.code)}</Code>` +
    `<Message>${escapeXml(e.message)}</Message></Error><RequestId>${requestId}</RequestId></ErrorResponse>`
  );
}

export const notFound = (code: string, message: string) => new Ec2Error(code, message, 400);
export const invalidParameter = (message: string) => new Ec2Error('InvalidParameterValue', message, 400);
export const missingParameter = (name: string) => new Ec2Error('MissingParameter', `The request must contain the parameter ${name}`, 400);
