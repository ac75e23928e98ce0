// What every AWS client of a run shares: the region, the credentials (checked with STS GetCallerIdentity unless
// skip_credential_validation, as Packer checks them), the number of attempts and the TLS settings. Loads the STS
// client, so it is reached only through load.ts.

import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { Agent } from 'node:https';
import type { AwsAccessConfig } from './access-config.js';
import { profileOf, resolveCredentials, type AwsCredentialIdentityProvider } from './credentials.js';
import { resolveRegion } from './region.js';
import { awsErrorMessage } from './sdk-errors.js';

type Env = Readonly<Record<string, string | undefined>>;

export interface AwsSession {
  region: string;
  credentials: AwsCredentialIdentityProvider;
  maxAttempts: number;
  requestHandler?: { httpsAgent: Agent };
}

/**
 * A service's endpoint from the environment, as the AWS SDKs name it: AWS_ENDPOINT_URL_<SERVICE ID> (the service
 * ID in capitals, spaces as underscores: SSM, SECRETS_MANAGER), then AWS_ENDPOINT_URL; none when
 * AWS_IGNORE_CONFIGURED_ENDPOINT_URLS is true. Undefined leaves the choice to the SDK (the shared config file, or AWS).
 */
export function configuredEndpoint(serviceId: string, env: Env): string | undefined {
  if (env.AWS_IGNORE_CONFIGURED_ENDPOINT_URLS?.toLowerCase() === 'true') return undefined;
  return env[`AWS_ENDPOINT_URL_${serviceId.toUpperCase().replace(/ /g, '_')}`] || env.AWS_ENDPOINT_URL || undefined;
}

/** `hint` is added to the message when the credentials do not pass the STS check. */
export async function openSession(c: AwsAccessConfig, env: Env, signal: AbortSignal, hint = ''): Promise<AwsSession> {
  const region = resolveRegion(c.region, profileOf(c, env), env);
  if (!region) throw new Error('No region: set `region`, the AWS_REGION environment variable, or `region` in the profile of the shared config file');
  const maxAttempts = c.max_retries + 1;
  const sts = { region, endpoint: configuredEndpoint('STS', env), maxAttempts };
  const credentials = await resolveCredentials(c, env, sts);
  if (!c.skip_credential_validation) {
    const client = new STSClient({ ...sts, credentials });
    try {
      await client.send(new GetCallerIdentityCommand({}), { abortSignal: signal });
    } catch (e) {
      if (signal.aborted) throw e;
      throw new Error(`validating provider credentials: ${awsErrorMessage(e)}${hint}`, { cause: e });
    } finally {
      client.destroy();
    }
  }
  const requestHandler = c.insecure_skip_tls_verify ? { httpsAgent: new Agent({ rejectUnauthorized: false }) } : undefined;
  return { region, credentials, maxAttempts, requestHandler };
}
