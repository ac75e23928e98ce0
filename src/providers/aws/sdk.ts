// The part of tsbuild's AWS code that loads the EC2 client (about half a second): reached only through load.ts,
// when a template uses EC2. Makes the EC2 client a run uses: region, endpoint, credentials, retries and TLS as the
// access configuration says.

import { EC2Client } from '@aws-sdk/client-ec2';
import { endpointUrl, type AwsAccessConfig } from './access-config.js';
import { configuredEndpoint, openSession } from './session.js';

export { findImage } from './find-image.js';

type Env = Readonly<Record<string, string | undefined>>;

export interface Ec2Connection {
  ec2: EC2Client;
  region: string;
  /** The EC2 endpoint in use when not AWS's own (custom_endpoint_ec2 or the environment's). */
  endpoint?: string;
  /** A client for another region, with the same credentials and settings; made once per region. */
  clientFor(region: string): EC2Client;
  /** Destroys every client made. */
  close(): void;
}

/** Where EC2 is: custom_endpoint_ec2, then AWS_ENDPOINT_URL_EC2 or AWS_ENDPOINT_URL; AWS's own otherwise. */
function ec2Endpoint(c: AwsAccessConfig, env: Env): string | undefined {
  if (c.custom_endpoint_ec2) return endpointUrl(c.custom_endpoint_ec2);
  return configuredEndpoint('EC2', env);
}

export async function openEc2(c: AwsAccessConfig, env: Env, signal: AbortSignal): Promise<Ec2Connection> {
  const hint = c.custom_endpoint_ec2 ? '; with custom_endpoint_ec2, set skip_credential_validation = true when the cloud has no STS' : '';
  const { region, credentials, maxAttempts, requestHandler } = await openSession(c, env, signal, hint);
  const endpoint = ec2Endpoint(c, env);
  const clients = new Map<string, EC2Client>();
  const clientFor = (r: string) => {
    let client = clients.get(r);
    if (!client) clients.set(r, (client = new EC2Client({ region: r, endpoint, credentials, maxAttempts, requestHandler })));
    return client;
  };
  return {
    ec2: clientFor(region),
    region,
    endpoint,
    clientFor,
    close: () => {
      for (const client of clients.values()) client.destroy();
      clients.clear();
    },
  };
}
