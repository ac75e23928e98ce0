// One secret version (GetSecretValue), as Packer's amazon-secretsmanager reads it: by version_id, otherwise by
// version_stage; Packer's message for a secret (or version) that is not there or was deleted. Loaded through
// load.ts only.

import { GetSecretValueCommand, SecretsManagerClient, type GetSecretValueCommandOutput } from '@aws-sdk/client-secrets-manager';
import type { AwsAccessConfig } from './access-config.js';
import { awsErrorMessage } from './sdk-errors.js';
import { configuredEndpoint, openSession } from './session.js';

type Env = Readonly<Record<string, string | undefined>>;

export interface SecretQuery {
  name: string;
  version_id?: string;
  version_stage: string;
}

export async function getSecretValue(c: AwsAccessConfig, q: SecretQuery, env: Env, signal: AbortSignal): Promise<GetSecretValueCommandOutput> {
  const { region, credentials, maxAttempts, requestHandler } = await openSession(c, env, signal);
  const client = new SecretsManagerClient({ region, endpoint: configuredEndpoint('Secrets Manager', env), credentials, maxAttempts, requestHandler });
  const version = q.version_id || q.version_stage;
  const input = q.version_id ? { SecretId: q.name, VersionId: q.version_id } : { SecretId: q.name, VersionStage: q.version_stage };
  try {
    return await client.send(new GetSecretValueCommand(input), { abortSignal: signal });
  } catch (e) {
    if (signal.aborted) throw e;
    const err = e as { name?: string; message?: string };
    const deleted = err.name === 'InvalidRequestException' && /because it was (deleted|marked for deletion)/.test(err.message ?? '');
    if (err.name === 'ResourceNotFoundException' || deleted) {
      throw new Error(`Secrets Manager Secret "${q.name}" Version "${version}" not found (${awsErrorMessage(e)})`, { cause: e });
    }
    throw new Error(`error reading Secrets Manager Secret Version: ${awsErrorMessage(e)}`, { cause: e });
  } finally {
    client.destroy();
  }
}
