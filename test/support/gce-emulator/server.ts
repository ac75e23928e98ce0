// The HTTP side: Compute Engine's REST paths under /compute/v1 and the OAuth token endpoint at /token, on one
// loopback server. Compute calls need a bearer token the token endpoint issued, for an account of the project.
// Faults (by method name, `instances.insert`) are answered before the call does anything. Every call is recorded.

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { Faults } from '../ec2-emulator/faults.js';
import { Ec2Error } from '../ec2-emulator/errors.js';
import type { Holds } from '../emulator-holds.js';
import type { Compute } from './compute.js';
import { errorBody, GceError, knownGceError, notFound } from './errors.js';
import { parseFilter } from './filter.js';
import type { GceOperation } from './model.js';
import { answerTokenRequest, type ServiceAccount } from './oauth.js';
import { answerOsLogin, type OsLogin } from './oslogin.js';

export interface CallRecord {
  method: string;
  path: string;
  status: number;
  reason?: string;
}

export interface ServerState {
  compute: Compute;
  accounts: Map<string, ServiceAccount>;
  /** access token -> account email */
  tokens: Map<string, string>;
  faults: Faults;
  calls: CallRecord[];
  addresses: { natIP: string; networkIP: string };
  /** How long `operations/{op}/wait` holds a request before answering with the operation still running. */
  waitMs: number;
  tokenUri(): string;
  /** target account -> accounts allowed to make its tokens (IAM Credentials' generateAccessToken). */
  impersonators: Map<string, Set<string>>;
  osLogin: OsLogin;
  holds: Holds;
}

/** Faults by Google reason; a rule's `error` is the reason (rateLimitExceeded, backendError, internalError...). */
export function gceFaults(): Faults {
  return new Faults((reason) => {
    const e = knownGceError(reason);
    return new Ec2Error(reason, e.message, e.status);
  });
}

type Handler = (m: string[], body: Record<string, any>, q: URLSearchParams, s: ServerState) => unknown | Promise<unknown>;

const P = '^/compute/v1/projects/([^/]+)';
const routes: [string, RegExp, string, Handler][] = [
  ['GET', new RegExp(`${P}/global/images/family/([^/]+)$`), 'images.getFromFamily', (m, _b, _q, s) => s.compute.fromFamily(m[1]!, m[2]!)],
  ['GET', new RegExp(`${P}/global/images/([^/]+)$`), 'images.get', (m, _b, _q, s) => s.compute.getImage(m[1]!, m[2]!)],
  ['GET', new RegExp(`${P}/global/images$`), 'images.list', (m, _b, q, s) => {
    const matches = parseFilter(q.get('filter') ?? '');
    return { kind: 'compute#imageList', items: [...s.compute.images.values()].filter((i) => i.project === m[1] && matches(i as unknown as Record<string, unknown>)) };
  }],
  ['POST', new RegExp(`${P}/global/images$`), 'images.insert', (m, b, q, s) => s.compute.insertImage(m[1]!, b, q.get('requestId') ?? undefined)],
  ['DELETE', new RegExp(`${P}/global/images/([^/]+)$`), 'images.delete', (m, _b, q, s) => s.compute.deleteImage(m[1]!, m[2]!, q.get('requestId') ?? undefined)],
  ['GET', new RegExp(`${P}/global/operations/([^/]+)$`), 'globalOperations.get', (m, _b, _q, s) => s.compute.getOperation(m[1]!, undefined, m[2]!)],
  ['POST', new RegExp(`${P}/global/operations/([^/]+)/wait$`), 'globalOperations.wait', (m, _b, _q, s) => waitOperation(s, s.compute.getOperation(m[1]!, undefined, m[2]!))],
  ['GET', new RegExp(`${P}/zones/([^/]+)/operations/([^/]+)$`), 'zoneOperations.get', (m, _b, _q, s) => s.compute.getOperation(m[1]!, m[2]!, m[3]!)],
  ['GET', new RegExp(`${P}/zones/([^/]+)/operations$`), 'zoneOperations.list', (m, _b, q, s) => {
    const matches = parseFilter(q.get('filter') ?? '');
    const zone = s.compute.link(m[1]!, `zones/${m[2]!}`);
    return { kind: 'compute#operationList', items: [...s.compute.operations.values()].filter((o) => o.zone === zone && matches(o as unknown as Record<string, unknown>)) };
  }],
  ['POST', new RegExp(`${P}/zones/([^/]+)/operations/([^/]+)/wait$`), 'zoneOperations.wait', (m, _b, _q, s) => waitOperation(s, s.compute.getOperation(m[1]!, m[2]!, m[3]!))],
  ['POST', new RegExp(`${P}/zones/([^/]+)/instances$`), 'instances.insert', (m, b, q, s) => s.compute.insertInstance(m[1]!, m[2]!, b, s.addresses, q.get('requestId') ?? undefined)],
  ['GET', new RegExp(`${P}/zones/([^/]+)/instances/([^/]+)$`), 'instances.get', (m, _b, _q, s) => instanceView(s, m)],
  ['DELETE', new RegExp(`${P}/zones/([^/]+)/instances/([^/]+)$`), 'instances.delete', (m, _b, q, s) => s.compute.deleteInstance(m[1]!, m[2]!, m[3]!, q.get('requestId') ?? undefined)],
  ['POST', new RegExp(`${P}/zones/([^/]+)/instances/([^/]+)/stop$`), 'instances.stop', (m, _b, q, s) => s.compute.stopInstance(m[1]!, m[2]!, m[3]!, q.get('requestId') ?? undefined)],
  ['POST', new RegExp(`${P}/zones/([^/]+)/instances/([^/]+)/setMetadata$`), 'instances.setMetadata', (m, b, q, s) => s.compute.setMetadata(m[1]!, m[2]!, m[3]!, b, q.get('requestId') ?? undefined)],
  ['GET', new RegExp(`${P}/zones/([^/]+)/disks/([^/]+)$`), 'disks.get', (m, _b, _q, s) => s.compute.getDisk(m[1]!, m[2]!, m[3]!)],
  ['DELETE', new RegExp(`${P}/zones/([^/]+)/disks/([^/]+)$`), 'disks.delete', (m, _b, q, s) => s.compute.deleteDisk(m[1]!, m[2]!, m[3]!, q.get('requestId') ?? undefined)],
];

function instanceView(s: ServerState, m: string[]): unknown {
  const { requested: _r, ...view } = s.compute.getInstance(m[1]!, m[2]!, m[3]!);
  return view;
}

/** Compute's wait: answers once the operation is DONE, or after a while with it still running. */
async function waitOperation(s: ServerState, op: GceOperation): Promise<GceOperation> {
  const until = Date.now() + s.waitMs;
  while (op.status !== 'DONE' && Date.now() < until) await new Promise((r) => setTimeout(r, 10));
  return op;
}

/** The account a bearer token was issued to, which must be one of `project` (images of any project can be read, as public images are). */
function authorize(req: IncomingMessage, project: string, method: string, s: ServerState): void {
  const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
  const email = token ? s.tokens.get(token) : undefined;
  if (!email) throw new GceError(401, 'authError', 'Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential.');
  if (method.startsWith('images.get') || method === 'images.list') return;
  if (s.accounts.get(email)?.project !== project) throw new GceError(403, 'forbidden', `Required 'compute.instances.list' permission for 'projects/${project}'`);
}

function send(res: ServerResponse, status: number, body: string): void {
  res.statusCode = status;
  res.setHeader('Content-Type', 'application/json; charset=UTF-8');
  res.end(body);
}

async function answer(req: IncomingMessage, text: string, s: ServerState, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://x');
  const record: CallRecord = { method: '', path: url.pathname, status: 200 };
  if (url.pathname === '/token' && req.method === 'POST') {
    const out = answerTokenRequest(new URLSearchParams(text), s.tokenUri(), s.accounts, (email) => {
      const token = `ya29.emulator-${Math.random().toString(36).slice(2)}`;
      s.tokens.set(token, email);
      return token;
    });
    s.calls.push({ method: 'oauth.token', path: url.pathname, status: out.status, reason: out.status === 200 ? undefined : String(out.body.error) });
    send(res, out.status, JSON.stringify(out.body));
    return;
  }
  const impersonate = /^\/v1\/projects\/-\/serviceAccounts\/([^/:]+):generateAccessToken$/.exec(decodeURIComponent(url.pathname));
  if (impersonate && req.method === 'POST') {
    const caller = s.tokens.get(/^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1] ?? '');
    const target = impersonate[1]!;
    const allowed = caller !== undefined && s.accounts.has(target) && (s.impersonators.get(target)?.has(caller) ?? false);
    s.calls.push({ method: 'iamcredentials.generateAccessToken', path: url.pathname, status: allowed ? 200 : 403 });
    if (!allowed) {
      send(res, 403, errorBody(new GceError(403, 'forbidden', `Permission 'iam.serviceAccounts.getAccessToken' denied on resource (or it may not exist).`)));
      return;
    }
    const token = `ya29.impersonated-${Math.random().toString(36).slice(2)}`;
    s.tokens.set(token, target);
    send(res, 200, JSON.stringify({ accessToken: token, expireTime: new Date(Date.now() + 3600_000).toISOString() }));
    return;
  }
  if (answerOsLogin(req, text, s, res)) return;
  try {
    const route = routes.find(([verb, re]) => verb === req.method && re.test(url.pathname));
    if (!route) throw notFound(url.pathname);
    const m = route[1].exec(url.pathname)!;
    record.method = route[2];
    authorize(req, m[1]!, route[2], s);
    const fault = s.faults.take(route[2]);
    if (fault) throw new GceError(fault.status, fault.code, fault.message);
    const body = text ? (JSON.parse(text) as Record<string, unknown>) : {};
    const out = await route[3](m, body, url.searchParams, s);
    await s.holds.before(route[2]);
    s.calls.push(record);
    send(res, 200, JSON.stringify(out));
  } catch (e) {
    if (!(e instanceof GceError)) throw e;
    record.status = e.status;
    record.reason = e.reason;
    s.calls.push(record);
    if (e.status === 429) res.setHeader('Retry-After', '0');
    send(res, e.status, errorBody(e));
  }
}

export function createGceServer(s: ServerState): Server {
  return createServer((req, res) => {
    let text = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (text += c));
    req.on('end', () => {
      answer(req, text, s, res).catch((e: unknown) => send(res, 500, `emulator bug: ${(e as Error).stack}`));
    });
  });
}
