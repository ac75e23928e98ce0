// The OAuth 2.0 token endpoint of service-account credentials: the JWT-bearer grant (RFC 7523). The assertion is
// an RS256 JWT the client signs with the account's private key; the emulator checks it with the public part, its
// issuer, audience (the token endpoint's URL) and times, and hands out an access token the Compute API accepts.

import { generateKeyPairSync, randomBytes, verify, type KeyObject } from 'node:crypto';

export interface ServiceAccount {
  email: string;
  /** The project the account belongs to (its credentials file's project_id). */
  project: string;
  privateKeyPem: string;
  privateKeyId: string;
  publicKey: KeyObject;
}

export function makeServiceAccount(email: string, project: string): ServiceAccount {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { email, project, privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }) as string, privateKeyId: randomBytes(20).toString('hex'), publicKey };
}

/** A service account's credentials file, as the Cloud console downloads it, pointing at `tokenUri`. */
export function credentialsFile(a: ServiceAccount, tokenUri: string): Record<string, string> {
  return {
    type: 'service_account',
    project_id: a.project,
    private_key_id: a.privateKeyId,
    private_key: a.privateKeyPem,
    client_email: a.email,
    client_id: '100000000000000000001',
    auth_uri: 'https://accounts.google.com/o/oauth2/auth',
    token_uri: tokenUri,
  };
}

export interface TokenAnswer {
  status: number;
  body: Record<string, unknown>;
  /** The account the token was issued to. */
  account?: string;
}

const invalid = (description: string): TokenAnswer => ({ status: 400, body: { error: 'invalid_grant', error_description: description } });

/** Answers a token request (form fields), issuing tokens through `issue`. */
export function answerTokenRequest(form: URLSearchParams, tokenUri: string, accounts: ReadonlyMap<string, ServiceAccount>, issue: (email: string) => string): TokenAnswer {
  if (form.get('grant_type') !== 'urn:ietf:params:oauth:grant-type:jwt-bearer') {
    return { status: 400, body: { error: 'unsupported_grant_type', error_description: `Invalid grant_type: ${form.get('grant_type') ?? ''}` } };
  }
  const parts = (form.get('assertion') ?? '').split('.');
  if (parts.length !== 3) return invalid('Invalid JWT: malformed assertion');
  let header: { alg?: string };
  let claims: { iss?: string; aud?: string; exp?: number; iat?: number; scope?: string };
  try {
    header = JSON.parse(Buffer.from(parts[0]!, 'base64url').toString('utf8')) as typeof header;
    claims = JSON.parse(Buffer.from(parts[1]!, 'base64url').toString('utf8')) as typeof claims;
  } catch {
    return invalid('Invalid JWT: malformed assertion');
  }
  if (header.alg !== 'RS256') return invalid('Invalid JWT: the signing algorithm must be RS256');
  const account = accounts.get(claims.iss ?? '');
  if (!account) return invalid('Invalid grant: account not found');
  const signed = Buffer.from(`${parts[0]}.${parts[1]}`);
  if (!verify('RSA-SHA256', signed, account.publicKey, Buffer.from(parts[2]!, 'base64url'))) return invalid('Invalid JWT Signature.');
  if (claims.aud !== tokenUri) return invalid(`Invalid JWT: Token must be a short-lived token (60 minutes) and in a reasonable timeframe. Check your iat and exp values in the JWT claim. (aud ${claims.aud})`);
  const now = Math.floor(Date.now() / 1000);
  if (typeof claims.exp !== 'number' || typeof claims.iat !== 'number' || claims.exp < now || claims.iat > now + 300 || claims.exp - claims.iat > 3600) {
    return invalid('Invalid JWT: Token must be a short-lived token (60 minutes) and in a reasonable timeframe. Check your iat and exp values in the JWT claim.');
  }
  return { status: 200, body: { access_token: issue(account.email), expires_in: 3599, token_type: 'Bearer' }, account: account.email };
}
