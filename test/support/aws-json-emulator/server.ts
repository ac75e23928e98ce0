// The HTTP side: one loopback server for SSM and Secrets Manager speaking AWS JSON 1.1: a POST with
// `X-Amz-Target: <prefix>.<Operation>` and a JSON body, signed with SigV4 (the access key is checked, the signature
// is not); the answer is JSON, an error `{"__type", "message"}` with the service's status. Every call is recorded.

import type { IncomingMessage, Server } from 'node:http';
import { createAwsEmulatorServer, type EmulatorAnswer } from '../aws-emulator-server.js';
import { identifyCaller, type AccessKey, type Caller } from '../ec2-emulator/auth.js';
import type { Faults } from '../ec2-emulator/faults.js';
import { jsonErrorBody, JsonError } from './errors.js';
import { getSecretValue, type SecretsState } from './secrets-manager.js';
import { getParameter, type SsmState } from './ssm.js';

export interface JsonCallRecord {
  /** The SigV4 scope's service: ssm or secretsmanager. */
  service: string;
  /** The operation of X-Amz-Target: GetParameter, GetSecretValue. */
  action: string;
  accessKey?: string;
  region?: string;
  input: Record<string, unknown>;
  status: number;
  errorType?: string;
}

export interface JsonServerState {
  keys: ReadonlyMap<string, AccessKey>;
  ssm: SsmState;
  secrets: SecretsState;
  faults: Faults;
  calls: JsonCallRecord[];
}

type Operation = (state: JsonServerState, caller: Caller, input: Record<string, unknown>) => unknown;

/** Operations by X-Amz-Target, with the SigV4 service name each must be signed for. */
const OPERATIONS: Readonly<Record<string, { service: string; run: Operation }>> = {
  'AmazonSSM.GetParameter': { service: 'ssm', run: (s, c, i) => getParameter(s.ssm, c, i) },
  'secretsmanager.GetSecretValue': { service: 'secretsmanager', run: (s, c, i) => getSecretValue(s.secrets, c, i) },
};

/** The JSON services' answers to a key they do not know, or a request without a signature. */
function authError(e: JsonError): JsonError {
  if (e.code === 'MissingAuthenticationToken') return new JsonError('MissingAuthenticationTokenException', 'Missing Authentication Token', 400);
  if (e.code === 'IncompleteSignature') return new JsonError('IncompleteSignatureException', e.message, 400);
  return new JsonError('UnrecognizedClientException', 'The security token included in the request is invalid.', 400);
}

function answer(state: JsonServerState, req: IncomingMessage, body: string): EmulatorAnswer<JsonCallRecord> {
  const target = String(req.headers['x-amz-target'] ?? '');
  const scope = /Credential=([^/]+)\/\d{8}\/([^/]+)\/([^/]+)\//.exec(req.headers.authorization ?? '');
  const record: JsonCallRecord = { service: scope?.[3] ?? '', action: target.split('.').pop() ?? '', accessKey: scope?.[1], region: scope?.[2], input: {}, status: 200 };
  try {
    if (req.method !== 'POST') throw new JsonError('UnknownOperationException', `${req.method} is not supported: AWS JSON requests are POSTs`, 400);
    let caller: Caller;
    try {
      caller = identifyCaller(req.headers, state.keys);
    } catch (e) {
      throw e instanceof JsonError ? authError(e) : e;
    }
    const op = OPERATIONS[target];
    if (!op || op.service !== caller.service) throw new JsonError('UnknownOperationException', '', 400);
    try {
      record.input = JSON.parse(body || '{}') as Record<string, unknown>;
    } catch {
      throw new JsonError('SerializationException', 'Start of structure or map found where not expected.', 400);
    }
    const fault = state.faults.take(record.action);
    if (fault) throw fault;
    return { status: 200, body: JSON.stringify(op.run(state, caller, record.input)), record };
  } catch (e) {
    if (!(e instanceof JsonError)) throw e;
    record.status = e.status;
    record.errorType = e.code;
    return { status: e.status, body: jsonErrorBody(e), record };
  }
}

export function createJsonEmulatorServer(state: JsonServerState): Server {
  return createAwsEmulatorServer('application/x-amz-json-1.1', state.calls, (req, body) => answer(state, req, body));
}
