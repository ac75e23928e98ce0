// The HTTP side: one loopback server for EC2 and STS. A request is form-encoded (POST body, or a GET query
// string), signed with SigV4; the answer is EC2's XML (or STS's), or an error in the service's shape with EC2's
// HTTP status. Every call is recorded for tests.

import type { IncomingMessage, Server } from 'node:http';
import { createAwsEmulatorServer, type EmulatorAnswer } from '../aws-emulator-server.js';
import { ACTIONS } from './actions/index.js';
import { authFailure, identifyCaller, type Caller } from './auth.js';
import type { ActionContext, Scheduler, Settings } from './context.js';
import { Ec2Error, ec2ErrorXml, stsErrorXml } from './errors.js';
import type { Faults } from './faults.js';
import type { Identity } from './identity.js';
import { parseParams } from './query.js';
import type { Store } from './store.js';
import { renderXml } from './xml.js';

export interface CallRecord {
  service: string;
  action: string;
  region?: string;
  accessKey?: string;
  params: Map<string, string>;
  status: number;
  errorCode?: string;
}

export interface ServerState {
  store: Store;
  settings: Settings;
  scheduler: Scheduler;
  identity: Identity;
  faults: Faults;
  calls: CallRecord[];
}

const EC2_NS = 'http://ec2.amazonaws.com/doc/2016-11-15/';
const STS_NS = 'https://sts.amazonaws.com/doc/2011-06-15/';

function answer(state: ServerState, req: IncomingMessage, body: string, requestId: string): EmulatorAnswer<CallRecord> {
  const params = parseParams(body);
  for (const [k, v] of new URL(req.url ?? '/', 'http://x').searchParams) params.set(k, v);
  const action = params.get('Action') ?? '';
  // What the credential scope says, recorded also when the caller is refused.
  const scope = /Credential=([^/]+)\/\d{8}\/([^/]+)\/([^/]+)\//.exec(req.headers.authorization ?? '');
  const record: CallRecord = { service: scope?.[3] ?? 'ec2', action, params, status: 200, accessKey: scope?.[1], region: scope?.[2] };
  const service = record.service === 'sts' ? 'sts' : 'ec2';
  try {
    const caller: Caller = identifyCaller(req.headers, state.identity.keys);
    // A region the emulator was not started with answers as one the account has not enabled.
    if (service === 'ec2' && !state.settings.regions.includes(caller.region)) throw authFailure('ec2');
    const handler = ACTIONS[service][action];
    if (!handler) throw new Ec2Error('InvalidAction', `The action ${action} is not valid for this web service.`);
    const fault = state.faults.take(action);
    if (fault) throw fault;
    if (params.get('DryRun') === 'true') throw new Ec2Error('DryRunOperation', 'Request would have succeeded, but DryRun flag is set.', 412);
    const ctx: ActionContext = { params, caller, requestId, ...state };
    const result = handler(ctx);
    const xml =
      service === 'sts'
        ? `<?xml version="1.0" encoding="UTF-8"?>\n<${action}Response xmlns="${STS_NS}"><${action}Result>${renderXml(result, 'member')}</${action}Result><ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></${action}Response>`
        : `<?xml version="1.0" encoding="UTF-8"?>\n<${action}Response xmlns="${EC2_NS}"><requestId>${requestId}</requestId>${renderXml(result)}</${action}Response>`;
    return { status: 200, body: xml, record };
  } catch (e) {
    if (!(e instanceof Ec2Error)) throw e;
    record.status = e.status;
    record.errorCode = e.code;
    return { status: e.status, body: service === 'sts' ? stsErrorXml(e, requestId) : ec2ErrorXml(e, requestId), record };
  }
}

export function createEmulatorServer(state: ServerState): Server {
  return createAwsEmulatorServer('text/xml;charset=UTF-8', state.calls, (req, body, requestId) => answer(state, req, body, requestId));
}
