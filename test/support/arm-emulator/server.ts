// The ARM emulator's HTTPS server: the token endpoints, then ARM's REST routes (JSON, `api-version` required,
// bearer token checked), long-running operations answered with `Azure-AsyncOperation` and `Location` to poll,
// faults injected by operation name, errors in ARM's shape. Every request is recorded.

import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:https';
import type { IncomingMessage } from 'node:http';
import type { Context, CallRecord } from './context.js';
import { ArmError, groupNotFound } from './errors.js';
import { RULES } from './resources.js';
import type { ArmResource, Operation } from './store.js';

interface Answer {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  operation: string;
}

const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const VERBS: Record<string, string> = { PUT: 'CreateOrUpdate', GET: 'Get', DELETE: 'Delete', PATCH: 'Update' };

/** ARM's operation id of a request on a resource type: `VirtualMachines_CreateOrUpdate`, `GalleryImageVersions_Get`. */
function operationName(type: string, method: string, action?: string): string {
  const parts = type.split('/').slice(1);
  const group = parts.length === 3 && parts[0] === 'galleries' ? 'GalleryImageVersions' : capital(parts[parts.length - 1]!);
  return `${group}_${action ? capital(action) : VERBS[method] ?? method}`;
}

function view(r: ArmResource): unknown {
  return { id: r.id, name: r.name, type: r.type, location: r.location, tags: r.tags, ...Object.fromEntries(Object.entries(r.extra).filter(([k]) => !['powerState', 'generalized'].includes(k))), properties: r.properties };
}

export function createArmServer(ctx: Context, tls: { key: Buffer; cert: Buffer }): Server {
  let base = '';
  const server = createServer(tls, (req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (body += c));
    req.on('end', () => {
      base ||= `https://127.0.0.1:${(server.address() as { port: number }).port}`;
      const url = new URL(req.url ?? '/', base);
      let out: Answer;
      try {
        out = answer(ctx, base, req, url, body);
      } catch (e) {
        if (e instanceof ArmError) {
          const retry: Record<string, string> = e.status === 429 || e.status === 503 ? { 'Retry-After': '1' } : {};
          // Resource Manager names the subscription's authority to a request without a token: how clients find the tenant.
          const authority: Record<string, string> = e.status === 401 ? { 'WWW-Authenticate': `Bearer authorization_uri="${base}/${ctx.auth.tenantId}", error="invalid_token", error_description="The authentication failed because of missing 'Authorization' header."` } : {};
          out = { status: e.status, body: { error: { code: e.code, message: e.message } }, headers: { ...retry, ...authority }, operation: (e as { operation?: string }).operation ?? 'Error' };
        }
        else {
          res.statusCode = 500;
          res.end(`emulator bug: ${(e as Error).stack}`);
          return;
        }
      }
      const record: CallRecord = { method: req.method ?? '', path: url.pathname, operation: out.operation, status: out.status };
      const code = (out.body as { error?: { code?: string } | string } | undefined)?.error;
      if (out.status >= 400 && code) record.errorCode = typeof code === 'string' ? code : code.code;
      ctx.calls.push(record);
      res.statusCode = out.status;
      res.setHeader('x-ms-request-id', randomUUID());
      for (const [k, v] of Object.entries(out.headers ?? {})) res.setHeader(k, v);
      if (out.body === undefined) return res.end();
      res.setHeader('Content-Type', 'application/json; charset=utf-8');
      res.end(JSON.stringify(out.body));
    });
  });
  return server;
}

function answer(ctx: Context, base: string, req: IncomingMessage, url: URL, body: string): Answer {
  const path = url.pathname;
  const method = req.method ?? 'GET';
  const openId = /^\/([^/]+)\/v2\.0\/\.well-known\/openid-configuration$/.exec(path);
  if (openId) {
    const e = ctx.faults.take('OpenIdConfiguration');
    if (e) return { status: e.status, body: undefined, operation: 'OpenIdConfiguration' };
    return { ...ctx.auth.openIdConfiguration(base, openId[1]!), operation: 'OpenIdConfiguration' };
  }
  const token = /^\/([^/]+)\/oauth2\/v2\.0\/token$/.exec(path);
  if (token && method === 'POST') {
    // A fault answers the token request with its status and no body, as a host with no such endpoint does (404).
    const e = ctx.faults.take('Token');
    if (e) return { status: e.status, body: undefined, operation: 'Token' };
    return { ...ctx.auth.token(token[1]!, new URLSearchParams(body)), operation: 'Token' };
  }

  if (!ctx.auth.accepts(req.headers.authorization)) {
    throw new ArmError('InvalidAuthenticationToken', 'The access token is invalid.', 401);
  }
  if (!url.searchParams.get('api-version')) {
    throw new ArmError('MissingApiVersionParameter', "The api-version query parameter (?api-version=) is required for all requests.", 400);
  }
  const sub = /^\/subscriptions\/([^/]+)(\/.*)?$/i.exec(path);
  if (!sub || sub[1] !== ctx.settings.subscriptionId) throw new ArmError('SubscriptionNotFound', `The subscription '${sub?.[1] ?? ''}' could not be found.`, 404);
  const rest = sub[2] ?? '';

  const poll = /\/(operations|operationresults)\/([^/]+)$/i.exec(rest);
  if (poll) return pollOperation(ctx, poll[2]!, poll[1]!.toLowerCase() === 'operationresults');

  const image = /^\/providers\/Microsoft\.Compute\/locations\/([^/]+)\/publishers\/([^/]+)\/artifacttypes\/vmimage\/offers\/([^/]+)\/skus\/([^/]+)\/versions(?:\/([^/]+))?$/i.exec(rest);
  if (image) return marketplaceImage(ctx, image.slice(1) as string[]);

  const group = /^\/resourcegroups\/([^/]+)$/i.exec(rest);
  if (group) return resourceGroup(ctx, base, method, group[1]!, body);

  const res = /^\/resourceGroups\/([^/]+)\/providers\/([^/]+)\/(.+)$/i.exec(rest);
  if (!res) throw new ArmError('InvalidRequestUri', `No route for ${method} ${path}`, 404);
  return resource(ctx, base, method, res[1]!, res[2]!, res[3]!, body);
}

function fault(ctx: Context, operation: string): void {
  const e = ctx.faults.take(operation);
  if (e) throw Object.assign(new ArmError(e.code, e.message, e.status), { operation });
}

function marketplaceImage(ctx: Context, [location, publisher, offer, sku, version]: string[]): Answer {
  const operation = version ? 'VirtualMachineImages_Get' : 'VirtualMachineImages_List';
  fault(ctx, operation);
  const versions = ctx.settings.marketplace.get(`${publisher}/${offer}/${sku}`.toLowerCase());
  const idOf = (v: string) => `/Subscriptions/${ctx.settings.subscriptionId}/Providers/Microsoft.Compute/Locations/${location}/Publishers/${publisher}/ArtifactTypes/VMImage/Offers/${offer}/Skus/${sku}/Versions/${v}`;
  if (!version) return { status: 200, body: (versions ?? []).map((v) => ({ name: v, location, id: idOf(v) })), operation };
  if (!versions?.includes(version!)) throw new ArmError('NotFound', 'Artifact: VMImage was not found.', 404);
  return { status: 200, body: { name: version, location, id: idOf(version!), properties: { osDiskImage: { operatingSystem: 'Linux' } } }, operation };
}

/** Starts a long-running operation: InProgress for the operation's delay, then `finish` and Succeeded (or Failed, when a rule says). */
function startOperation(ctx: Context, name: string, finish: () => void, fail?: () => void): Operation {
  const op: Operation = { id: randomUUID(), name, status: 'InProgress', started: new Date().toISOString() };
  ctx.store.operations.set(op.id, op);
  const failure = ctx.operationFaults.take(name);
  ctx.scheduler.after(ctx.settings.delays[name] ?? ctx.settings.delays.default, () => {
    if (failure) {
      op.status = 'Failed';
      op.error = { code: failure.code, message: failure.message };
      fail?.();
      return;
    }
    finish();
    op.status = 'Succeeded';
  });
  return op;
}

function operationHeaders(ctx: Context, base: string, location: string, op: Operation): Record<string, string> {
  const prefix = `${base}/subscriptions/${ctx.settings.subscriptionId}/providers/Microsoft.Compute/locations/${location || 'global'}`;
  return {
    'Azure-AsyncOperation': `${prefix}/operations/${op.id}?api-version=2024-03-01`,
    Location: `${prefix}/operationResults/${op.id}?api-version=2024-03-01`,
  };
}

function pollOperation(ctx: Context, id: string, result: boolean): Answer {
  fault(ctx, 'Operation_Poll');
  const op = ctx.store.operations.get(id);
  if (!op) throw new ArmError('NotFound', `Operation ${id} not found.`, 404);
  if (!result) return { status: 200, body: { name: op.id, status: op.status, startTime: op.started, ...(op.error ? { error: op.error } : {}) }, operation: 'Operation_Poll' };
  if (op.status === 'InProgress') return { status: 202, operation: 'Operation_Poll' };
  if (op.status === 'Failed') return { status: 400, body: { error: op.error }, operation: 'Operation_Poll' };
  return { status: 200, operation: 'Operation_Poll' };
}

function resourceGroup(ctx: Context, base: string, method: string, name: string, body: string): Answer {
  const operation = operationName('Microsoft.Resources/resourceGroups', method);
  fault(ctx, operation);
  const id = `/subscriptions/${ctx.settings.subscriptionId}/resourceGroups/${name}`;
  const existing = ctx.store.get(id);
  if (method === 'GET' || method === 'HEAD') {
    if (!existing) throw groupNotFound(name);
    return { status: method === 'HEAD' ? 204 : 200, body: method === 'HEAD' ? undefined : view(existing), operation: method === 'HEAD' ? 'ResourceGroups_CheckExistence' : operation };
  }
  if (method === 'PUT') {
    const b = JSON.parse(body || '{}') as { location?: string; tags?: Record<string, string> };
    if (!b.location) throw new ArmError('LocationRequired', 'The location property is required for this definition.', 400);
    const r: ArmResource = existing ?? { id, type: 'Microsoft.Resources/resourceGroups', name, resourceGroup: name, location: b.location, tags: {}, properties: { provisioningState: 'Succeeded' }, seeded: false, extra: {} };
    r.tags = b.tags ?? {};
    ctx.store.put(r);
    return { status: existing ? 200 : 201, body: view(r), operation };
  }
  if (method === 'DELETE') {
    if (!existing) throw groupNotFound(name);
    existing.properties.provisioningState = 'Deleting';
    const op = startOperation(ctx, operation, () => {
      for (const r of ctx.store.inGroup(ctx.settings.subscriptionId, name)) ctx.store.delete(r.id);
      ctx.store.delete(id);
    });
    const headers = operationHeaders(ctx, base, '', op);
    return { status: 202, headers: { Location: headers.Location!, 'Retry-After': '1' }, operation };
  }
  throw new ArmError('MethodNotAllowed', `${method} is not allowed on resource groups`, 405);
}

function resource(ctx: Context, base: string, method: string, rg: string, namespace: string, tail: string, body: string): Answer {
  const segments = tail.split('/');
  // type/name pairs, then an action when the count is odd (POST .../virtualMachines/vm/deallocate).
  const action = segments.length % 2 === 1 ? segments.pop() : undefined;
  const types = segments.filter((_, i) => i % 2 === 0);
  const names = segments.filter((_, i) => i % 2 === 1);
  const type = `${namespace}/${types.join('/')}`;
  const name = names[names.length - 1]!;
  const operation = operationName(type, method, action);
  fault(ctx, operation);
  const group = ctx.store.get(`/subscriptions/${ctx.settings.subscriptionId}/resourceGroups/${rg}`);
  if (!group) throw groupNotFound(rg);
  const id = `/subscriptions/${ctx.settings.subscriptionId}/resourceGroups/${group.name}/providers/${namespace}/${segments.join('/')}`;
  const rules = RULES[type.toLowerCase()] ?? {};
  const existing = ctx.store.get(id);
  if (method === 'GET') {
    if (existing) return { status: 200, body: view(existing), operation };
    const subnet = subnetOf(ctx, type, id);
    if (subnet) return { status: 200, body: subnet, operation };
    throw new ArmError('ResourceNotFound', `The Resource '${type}/${names.join('/')}' under resource group '${rg}' was not found. For more details please go to https://aka.ms/ARMResourceNotFoundFix`, 404);
  }
  if (method === 'PUT') {
    const b = JSON.parse(body || '{}') as { location?: string; tags?: Record<string, string>; properties?: Record<string, unknown> } & Record<string, unknown>;
    const { location, tags, properties, id: _id, name: _name, type: _type, ...extra } = b;
    const r: ArmResource = { id, type, name, resourceGroup: group.name, location: location ?? group.location, tags: tags ?? {}, properties: structuredClone(properties ?? {}), seeded: false, extra };
    if (type === 'Microsoft.Network/virtualNetworks') {
      r.properties.subnets = ((r.properties.subnets ?? []) as { name: string; properties?: object }[]).map((s) => ({ ...s, id: `${id}/subnets/${s.name}`, properties: { ...s.properties, provisioningState: 'Succeeded' } }));
    }
    rules.create?.(ctx, r, existing);
    r.properties.provisioningState = existing ? 'Updating' : 'Creating';
    ctx.store.put(r);
    const op = startOperation(
      ctx,
      operation,
      () => void (r.properties.provisioningState = 'Succeeded'),
      () => void (r.properties.provisioningState = 'Failed'),
    );
    return { status: existing ? 200 : 201, body: view(r), headers: { 'Azure-AsyncOperation': operationHeaders(ctx, base, r.location, op)['Azure-AsyncOperation']! }, operation };
  }
  if (method === 'DELETE') {
    if (!existing) return { status: 204, operation };
    existing.properties.provisioningState = 'Deleting';
    const op = startOperation(ctx, operation, () => {
      ctx.store.delete(id);
      for (const child of [...ctx.store.resources.values()].filter((c) => c.id.toLowerCase().startsWith(`${id.toLowerCase()}/`))) ctx.store.delete(child.id);
      rules.removed?.(ctx, existing);
    });
    return { status: 202, headers: operationHeaders(ctx, base, existing.location, op), operation };
  }
  if (method === 'POST' && action) {
    if (!existing) throw new ArmError('ResourceNotFound', `The Resource '${type}/${names.join('/')}' under resource group '${rg}' was not found.`, 404);
    const act = rules.actions?.[action];
    if (!act) throw new ArmError('InvalidRequestUri', `No action ${action} on ${type}`, 404);
    act.check?.(ctx, existing);
    if (!act.lro) return { status: 200, operation };
    const op = startOperation(ctx, operation, () => act.done?.(ctx, existing));
    return { status: 202, headers: operationHeaders(ctx, base, existing.location, op), operation };
  }
  throw new ArmError('MethodNotAllowed', `${method} is not allowed here`, 405);
}

/** A subnet, read from its virtual network. */
function subnetOf(ctx: Context, type: string, id: string): unknown {
  if (type.toLowerCase() !== 'microsoft.network/virtualnetworks/subnets') return undefined;
  const vnet = ctx.store.get(id.replace(/\/subnets\/[^/]+$/i, ''));
  return ((vnet?.properties.subnets ?? []) as { id: string }[]).find((s) => s.id.toLowerCase() === id.toLowerCase());
}
