// The EC2 client `tsbuild cleanup` reaches a recorded resource with: the recorded region and endpoint, and
// credentials found as the SDKs find them, with the profile, shared credentials file and role the template named.
// Keys a template gave are not in the journal (no secret is), so they come from the cleanup's environment
// (AWS_ACCESS_KEY_ID...). Retries as Packer's default (max_retries unset). Loads the SDK: reached through load.ts.

import { DEFAULT_MAX_RETRIES, type AwsAccessConfig } from '../../providers/aws/access-config.js';
import type { Ec2Access } from '../../providers/aws/journal-data.js';
import { openEc2, type Ec2Connection } from '../../providers/aws/sdk.js';
import { CREDENTIALS_HINT } from './errors.js';

type Env = Readonly<Record<string, string | undefined>>;

/** The access configuration a recorded resource was made with, as far as the journal kept it. */
export function recordedAccess(d: Partial<Ec2Access>): AwsAccessConfig {
  return {
    region: d.region || undefined,
    custom_endpoint_ec2: d.endpoint || undefined,
    profile: d.profile || undefined,
    shared_credentials_file: d.sharedCredentialsFile || undefined,
    assume_role: d.roleArn ? { role_arn: d.roleArn } : undefined,
    max_retries: DEFAULT_MAX_RETRIES,
    // The first EC2 call checks the credentials; an EC2-compatible cloud may have no STS.
    skip_credential_validation: true,
  };
}

/** A client for the resource `d` describes; the caller destroys it. */
export async function connectRecorded(d: Partial<Ec2Access>, env: Env): Promise<Ec2Connection> {
  return openEc2(recordedAccess(d), env, new AbortController().signal).catch((e: unknown) => {
    throw new Error(`${(e as Error).message}\n${CREDENTIALS_HINT}`, { cause: e });
  });
}
