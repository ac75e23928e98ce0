// Systems Manager's GetParameter: a parameter by name, or by `name:version`; a SecureString's value is answered
// encrypted unless WithDecryption. Parameter names a test denies answer AccessDeniedException.

import type { Caller } from '../ec2-emulator/auth.js';
import { accessDenied, JsonError } from './errors.js';

export interface StoredParameter {
  name: string;
  type: 'String' | 'StringList' | 'SecureString';
  value: string;
  version: number;
}

export interface SsmState {
  parameters: Map<string, StoredParameter>;
  denied: Set<string>;
}

export function parameterArn(caller: Caller, name: string): string {
  return `arn:aws:ssm:${caller.region}:${caller.account}:parameter/${name.replace(/^\//, '')}`;
}

/** What KMS would give for an encrypted value: an opaque blob, not the value. */
function ciphertextOf(p: StoredParameter): string {
  return `AQICAH${Buffer.from(`kms-ciphertext:${p.name}:${p.version}`).toString('base64')}`;
}

export function getParameter(state: SsmState, caller: Caller, input: Record<string, unknown>): unknown {
  const requested = typeof input.Name === 'string' ? input.Name : '';
  if (!requested) throw new JsonError('ValidationException', "1 validation error detected: Value null at 'name' failed to satisfy constraint: Member must not be null");
  const m = /^(.*):(\d+)$/.exec(requested);
  const name = m ? m[1]! : requested;
  const arn = parameterArn(caller, name);
  if (state.denied.has(name)) throw accessDenied(caller.arn, 'ssm:GetParameter', arn);
  const p = state.parameters.get(name);
  if (!p) throw new JsonError('ParameterNotFound', '');
  if (m && Number(m[2]) !== p.version) throw new JsonError('ParameterVersionNotFound', `Systems Manager could not find version ${m[2]} of ${name}. Verify the version and try again.`);
  const value = p.type === 'SecureString' && input.WithDecryption !== true ? ciphertextOf(p) : p.value;
  return {
    Parameter: { Name: p.name, Type: p.type, Value: value, Version: p.version, ARN: arn, DataType: 'text', LastModifiedDate: 1704067200, ...(m ? { Selector: `:${m[2]}` } : {}) },
  };
}
