// The OS Login API beside Compute on the emulator's loopback server: login profiles of the emulator's accounts,
// keys imported into them (`POST /v1/users/{user}:importSshPublicKey`, answering the profile with its POSIX
// account) and deleted by fingerprint (`DELETE /v1/users/{user}/sshPublicKeys/{fingerprint}`); `GET
// /v1/users/{user}/loginProfile` reads a profile. A caller manages only its own profile, as a service account does.
// Faults by method name (`oslogin.importSshPublicKey`, `oslogin.deleteSshPublicKey`, `oslogin.getLoginProfile`).

import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { errorBody, GceError } from './errors.js';
import type { CallRecord } from './server.js';

export interface OsLoginKey {
  key: string;
  fingerprint: string;
  name: string;
  expirationTimeUsec?: string;
}

/** What the OS Login side needs of the server's state. */
export interface OsLoginContext {
  osLogin: OsLogin;
  tokens: Map<string, string>;
  faults: { take(method: string): { status: number; code: string; message: string } | undefined };
  calls: CallRecord[];
}

export class OsLogin {
  /** email -> fingerprint -> key */
  private readonly profiles = new Map<string, Map<string, OsLoginKey>>();

  /** The POSIX username OS Login gives an account: sa_<number> for a service account, the address's characters otherwise. */
  posixUsername(email: string): string {
    if (email.endsWith('.gserviceaccount.com')) {
      const digits = BigInt(`0x${createHash('sha256').update(email).digest('hex').slice(0, 16)}`).toString().padStart(20, '0');
      return `sa_1${digits.slice(0, 20)}`;
    }
    return email.toLowerCase().replace(/[^a-z0-9]/g, '_').slice(0, 32);
  }

  /** The keys of `email`'s profile. */
  keys(email: string): OsLoginKey[] {
    return [...(this.profiles.get(email)?.values() ?? [])];
  }

  /** Every key of every profile that has not expired: what the guest's sshd is let in with under enable-oslogin. */
  activeKeys(): string[] {
    const now = BigInt(Date.now()) * 1000n;
    return [...this.profiles.values()].flatMap((p) => [...p.values()].filter((k) => !k.expirationTimeUsec || BigInt(k.expirationTimeUsec) > now).map((k) => k.key));
  }

  /** Keys left in any profile: "oslogin-key <user> <fingerprint>". */
  leftovers(): string[] {
    return [...this.profiles].flatMap(([email, p]) => [...p.keys()].map((f) => `oslogin-key ${email} ${f}`));
  }

  profile(email: string, project: string | undefined): Record<string, unknown> {
    const username = this.posixUsername(email);
    const keys = Object.fromEntries(this.keys(email).map((k) => [k.fingerprint, k]));
    return {
      name: email,
      posixAccounts: [
        {
          primary: true,
          username,
          uid: '2000',
          gid: '2000',
          homeDirectory: `/home/${username}`,
          operatingSystemType: 'LINUX',
          ...(project ? { accountId: project, name: `users/${email}/projects/${project}` } : {}),
        },
      ],
      sshPublicKeys: keys,
    };
  }

  importKey(email: string, project: string | undefined, body: { key?: string; expirationTimeUsec?: string }): Record<string, unknown> {
    const key = String(body.key ?? '');
    if (!/^(ssh-|ecdsa-)\S+ [A-Za-z0-9+/=]+(\s|$)/.test(key)) throw new GceError(400, 'invalid', 'Invalid SSH key.');
    const fingerprint = createHash('sha256').update(key).digest('hex');
    if (!this.profiles.has(email)) this.profiles.set(email, new Map());
    this.profiles.get(email)!.set(fingerprint, { key, fingerprint, name: `users/${email}/sshPublicKeys/${fingerprint}`, ...(body.expirationTimeUsec ? { expirationTimeUsec: String(body.expirationTimeUsec) } : {}) });
    return { loginProfile: this.profile(email, project) };
  }

  deleteKey(email: string, fingerprint: string): Record<string, never> {
    if (!this.profiles.get(email)?.delete(fingerprint)) throw new GceError(404, 'notFound', `Requested entity was not found.`);
    return {};
  }
}

const ROUTES: [string, RegExp, string][] = [
  ['POST', /^\/v1\/users\/([^/:]+):importSshPublicKey$/, 'oslogin.importSshPublicKey'],
  ['GET', /^\/v1\/users\/([^/:]+)\/loginProfile$/, 'oslogin.getLoginProfile'],
  ['DELETE', /^\/v1\/users\/([^/:]+)\/sshPublicKeys\/([^/:]+)$/, 'oslogin.deleteSshPublicKey'],
];

/** Answers an OS Login call; false when the request is not one. */
export function answerOsLogin(req: IncomingMessage, text: string, s: OsLoginContext, res: ServerResponse): boolean {
  const url = new URL(req.url ?? '/', 'http://x');
  const path = decodeURIComponent(url.pathname);
  const route = ROUTES.find(([verb, re]) => verb === req.method && re.test(path));
  if (!route) return false;
  const m = route[1].exec(path)!;
  const record: CallRecord = { method: route[2], path: url.pathname, status: 200 };
  let status = 200;
  let body: string;
  try {
    const caller = s.tokens.get(/^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1] ?? '');
    if (!caller) throw new GceError(401, 'authError', 'Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential.');
    const user = m[1]!;
    if (caller !== user) throw new GceError(403, 'forbidden', 'The caller does not have permission');
    const fault = s.faults.take(route[2]);
    if (fault) throw new GceError(fault.status, fault.code, fault.message);
    const project = url.searchParams.get('projectId') ?? undefined;
    const out =
      route[2] === 'oslogin.importSshPublicKey'
        ? s.osLogin.importKey(user, project, text ? (JSON.parse(text) as Record<string, string>) : {})
        : route[2] === 'oslogin.getLoginProfile'
          ? s.osLogin.profile(user, project)
          : s.osLogin.deleteKey(user, m[2]!);
    body = JSON.stringify(out);
  } catch (e) {
    if (!(e instanceof GceError)) throw e;
    status = e.status;
    record.status = e.status;
    record.reason = e.reason;
    if (e.status === 429) res.setHeader('Retry-After', '0');
    body = errorBody(e);
  }
  s.calls.push(record);
  res.statusCode = status;
  res.setHeader('Content-Type', 'application/json; charset=UTF-8');
  res.end(body);
  return true;
}
