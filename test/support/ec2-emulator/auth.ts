// Who is calling: the access key, region and service named by the SigV4 Authorization header's credential scope
// (`AWS4-HMAC-SHA256 Credential=AKID/20240101/us-east-1/ec2/aws4_request, SignedHeaders=..., Signature=...`).
// Signatures are not verified; a key tests did not configure is refused as EC2 refuses it.

import type { IncomingHttpHeaders } from 'node:http';
import { Ec2Error } from './errors.js';

export interface AccessKey {
  /** The 12-digit account the key belongs to. */
  account: string;
  /** The caller's ARN (GetCallerIdentity); an IAM user's by default. */
  arn?: string;
  /** Temporary credentials (from AssumeRole) must come with this session token. */
  sessionToken?: string;
}

export interface Caller {
  accessKey: string;
  account: string;
  arn: string;
  region: string;
  service: string;
}

export const AUTH_FAILURE = 'AWS was not able to validate the provided access credentials';

export function identifyCaller(headers: IncomingHttpHeaders, keys: ReadonlyMap<string, AccessKey>): Caller {
  const auth = headers.authorization;
  if (!auth) throw new Ec2Error('MissingAuthenticationToken', 'Request is missing Authentication Token', 401);
  const m = /^AWS4-HMAC-SHA256 Credential=([^/]+)\/\d{8}\/([^/]+)\/([^/]+)\/aws4_request,/.exec(auth);
  if (!m) throw new Ec2Error('IncompleteSignature', 'Authorization header requires a Credential in the AWS4-HMAC-SHA256 form.', 400);
  const [, accessKey, region, service] = m as unknown as [string, string, string, string];
  const key = keys.get(accessKey);
  const token = headers['x-amz-security-token'];
  if (!key || (key.sessionToken !== undefined && key.sessionToken !== token)) throw authFailure(service);
  return { accessKey, account: key.account, arn: key.arn ?? `arn:aws:iam::${key.account}:user/tester`, region, service };
}

/** EC2 says AuthFailure (401); STS says InvalidClientTokenId (403). */
export function authFailure(service: string): Ec2Error {
  return service === 'sts'
    ? new Ec2Error('InvalidClientTokenId', 'The security token included in the request is invalid.', 403)
    : new Ec2Error('AuthFailure', AUTH_FAILURE, 401);
}
