// The part of tsbuild's AWS code that loads the SDK (about half a second): reached only through load.ts, when a
// template uses AWS. Makes the EC2 client a run uses: region, endpoint, credentials (checked with STS unless
// skip_credential_validation), retries and TLS as the access configuration says.

import { EC2Client } from '@aws-sdk/client-ec2';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { Agent } from 'node:https';
import { endpointUrl, type AwsAccessConfig } from './access-config.js';
import { profileOf, resolveCredentials } from './credentials.js';
import { resolveRegion } from './region.js';
import { awsErrorMessage } from './sdk-errors.js';

export { findImage } from './find-image.js';

type Env = Readonly<Record<string, string | undefined>>;

export interface Ec2Connection {
  ec2: EC2Client;
  region: string;
}

/** Where EC2 is: custom_endpoint_ec2, then AWS_ENDPOINT_URL_EC2 or AWS_ENDPOINT_URL; AWS's own otherwise. */
function ec2Endpoint(c: AwsAccessConfig, env: Env): string | undefined {
  if (c.custom_endpoint_ec2) return endpointUrl(c.custom_endpoint_ec2);
  return env.AWS_ENDPOINT_URL_EC2 || env.AWS_ENDPOINT_URL || undefined;
}

/** Where STS is: AWS_ENDPOINT_URL_STS or AWS_ENDPOINT_URL; AWS's own otherwise (custom_endpoint_ec2 is EC2's only). */
function stsEndpoint(env: Env): string | undefined {
  return env.AWS_ENDPOINT_URL_STS || env.AWS_ENDPOINT_URL || undefined;
}

export async function openEc2(c: AwsAccessConfig, env: Env, signal: AbortSignal): Promise<Ec2Connection> {
  const region = resolveRegion(c.region, profileOf(c, env), env);
  if (!region) throw new Error('No region: set `region`, the AWS_REGION environment variable, or `region` in the profile of the shared config file');
  const maxAttempts = c.max_retries + 1;
  const sts = { region, endpoint: stsEndpoint(env), maxAttempts };
  const credentials = await resolveCredentials(c, env, sts);
  if (!c.skip_credential_validation) {
    const client = new STSClient({ ...sts, credentials });
    try {
      await client.send(new GetCallerIdentityCommand({}), { abortSignal: signal });
    } catch (e) {
      if (signal.aborted) throw e;
      const hint = c.custom_endpoint_ec2 ? '; with custom_endpoint_ec2, set skip_credential_validation = true when the cloud has no STS' : '';
      throw new Error(`validating provider credentials: ${awsErrorMessage(e)}${hint}`, { cause: e });
    } finally {
      client.destroy();
    }
  }
  const ec2 = new EC2Client({
    region,
    endpoint: ec2Endpoint(c, env),
    credentials,
    maxAttempts,
    requestHandler: c.insecure_skip_tls_verify ? { httpsAgent: new Agent({ rejectUnauthorized: false }) } : undefined,
  });
  return { ec2, region };
}
