// Microsoft Entra ID (AAD v2) as far as @azure/identity's credentials need it offline: the tenant's OpenID
// configuration, and the token endpoint (client credentials with a secret, or with a client assertion: a JWT
// signed by the client's certificate, or one handed in as client_jwt). Tokens are opaque strings the ARM routes
// check. Wrong credentials get AAD's own error answers.

import { constants, createPublicKey, randomBytes, verify } from 'node:crypto';

export interface Client {
  /** The secret client_secret must match; undefined: the client has none. */
  secret?: string;
  /** The client's certificate (PEM): a client assertion (JWT) signed with its key is taken. */
  certificate?: string;
}

export interface AuthAnswer {
  status: number;
  body: unknown;
}

export class Auth {
  readonly clients = new Map<string, Client>();
  readonly tokens = new Set<string>();

  constructor(readonly tenantId: string) {}

  openIdConfiguration(base: string, tenant: string): AuthAnswer {
    const t = `${base}/${tenant}`;
    return {
      status: 200,
      body: {
        token_endpoint: `${t}/oauth2/v2.0/token`,
        authorization_endpoint: `${t}/oauth2/v2.0/authorize`,
        end_session_endpoint: `${t}/oauth2/v2.0/logout`,
        issuer: `${t}/v2.0`,
        jwks_uri: `${t}/discovery/v2.0/keys`,
        response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token'],
        subject_types_supported: ['pairwise'],
        id_token_signing_alg_values_supported: ['RS256'],
        token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt', 'client_secret_basic'],
      },
    };
  }

  private refuse(status: number, error: string, code: number, description: string): AuthAnswer {
    return { status, body: { error, error_description: `AADSTS${code}: ${description}`, error_codes: [code], timestamp: new Date().toISOString() } };
  }

  /** POST /{tenant}/oauth2/v2.0/token */
  token(tenant: string, form: URLSearchParams): AuthAnswer {
    if (tenant !== this.tenantId) return this.refuse(400, 'invalid_request', 90002, `Tenant '${tenant}' not found.`);
    const clientId = form.get('client_id') ?? '';
    const client = this.clients.get(clientId);
    if (!client) return this.refuse(400, 'unauthorized_client', 700016, `Application with identifier '${clientId}' was not found in the directory '${tenant}'.`);
    const secret = form.get('client_secret');
    const assertion = form.get('client_assertion');
    if (secret !== null) {
      if (secret !== client.secret) return this.refuse(401, 'invalid_client', 7000215, 'Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID.');
    } else if (assertion !== null) {
      if (!client.certificate || subjectOf(assertion) !== clientId || !signedBy(assertion, client.certificate)) return this.refuse(401, 'invalid_client', 700027, 'Client assertion failed signature validation.');
    } else {
      return this.refuse(401, 'invalid_client', 7000218, "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.");
    }
    return { status: 200, body: { token_type: 'Bearer', expires_in: 3599, ext_expires_in: 3599, access_token: this.mint() } };
  }

  /** A new token the ARM routes accept. */
  mint(): string {
    const token = randomBytes(24).toString('base64url');
    this.tokens.add(token);
    return token;
  }

  /** Whether an Authorization header bears a token this emulator gave out. */
  accepts(header: string | undefined): boolean {
    const m = /^Bearer (.+)$/.exec(header ?? '');
    return m !== null && this.tokens.has(m[1]!);
  }
}

function subjectOf(jwt: string): string | undefined {
  try {
    return (JSON.parse(Buffer.from(jwt.split('.')[1] ?? '', 'base64url').toString('utf8')) as { sub?: string }).sub;
  } catch {
    return undefined;
  }
}

/** Whether a JWT is signed (RS256 or PS256) with the key of `certificate`. */
function signedBy(jwt: string, certificate: string): boolean {
  const [header, payload, signature] = jwt.split('.');
  if (!header || !payload || !signature) return false;
  let alg: string | undefined;
  try {
    alg = (JSON.parse(Buffer.from(header, 'base64url').toString('utf8')) as { alg?: string }).alg;
  } catch {
    return false;
  }
  const key = createPublicKey(certificate);
  const data = Buffer.from(`${header}.${payload}`);
  const sig = Buffer.from(signature, 'base64url');
  if (alg === 'RS256') return verify('sha256', data, key, sig);
  if (alg === 'PS256') return verify('sha256', data, { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: constants.RSA_PSS_SALTLEN_DIGEST }, sig);
  return false;
}
