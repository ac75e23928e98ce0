// Secrets Manager's GetSecretValue: a secret by name or ARN; a version by VersionId, otherwise by VersionStage
// (AWSCURRENT unless given). A secret deleted by a test answers as one marked for deletion.

import type { Caller } from '../ec2-emulator/auth.js';
import { accessDenied, JsonError } from './errors.js';

export interface SecretVersion {
  id: string;
  string?: string;
  binary?: Buffer;
  stages: string[];
}

export interface StoredSecret {
  name: string;
  arn: string;
  versions: SecretVersion[];
  deleted?: boolean;
}

export interface SecretsState {
  secrets: Map<string, StoredSecret>;
  denied: Set<string>;
}

const NOT_FOUND = "Secrets Manager can't find the specified secret.";

export function getSecretValue(state: SecretsState, caller: Caller, input: Record<string, unknown>): unknown {
  const id = typeof input.SecretId === 'string' ? input.SecretId : '';
  const secret = [...state.secrets.values()].find((s) => s.name === id || s.arn === id);
  if (!secret) throw new JsonError('ResourceNotFoundException', NOT_FOUND);
  if (state.denied.has(secret.name)) throw accessDenied(caller.arn, 'secretsmanager:GetSecretValue', secret.arn);
  if (secret.deleted) throw new JsonError('InvalidRequestException', "You can't perform this operation on the secret because it was marked for deletion.");
  const versionId = typeof input.VersionId === 'string' ? input.VersionId : undefined;
  const stage = typeof input.VersionStage === 'string' ? input.VersionStage : 'AWSCURRENT';
  const version = versionId ? secret.versions.find((v) => v.id === versionId) : secret.versions.find((v) => v.stages.includes(stage));
  if (!version) {
    throw new JsonError('ResourceNotFoundException', versionId ? `Secrets Manager can't find the specified secret value for VersionId: ${versionId}` : `Secrets Manager can't find the specified secret value for staging label: ${stage}`);
  }
  return {
    ARN: secret.arn,
    Name: secret.name,
    VersionId: version.id,
    ...(version.string !== undefined ? { SecretString: version.string } : {}),
    ...(version.binary ? { SecretBinary: version.binary.toString('base64') } : {}),
    VersionStages: version.stages,
    CreatedDate: 1704067200,
  };
}
