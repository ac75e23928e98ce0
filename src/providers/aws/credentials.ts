// The credentials of a run, found as the AWS SDKs' standard chain finds them: the template's keys, then the
// environment, the shared credentials and config files (a profile may assume a role, run a process or use SSO),
// a web identity token, the container's and then the instance's metadata service (unless skip_metadata_api_check
// or AWS_EC2_METADATA_DISABLED). assume_role then trades them for the role's. Values the run's environment
// gives (keys, profile, file paths) are read from it, not from the process.

import {
  fromContainerMetadata,
  fromIni,
  fromInstanceMetadata,
  fromTemporaryCredentials,
  fromTokenFile,
} from '@aws-sdk/credential-providers';
import type { AwsAccessConfig } from './access-config.js';
import { awsErrorMessage } from './sdk-errors.js';

type Env = Readonly<Record<string, string | undefined>>;

/** A function that gives credentials (the SDK's type, named here without depending on its types package). */
export type AwsCredentialIdentityProvider = () => Promise<AwsCredentialIdentity>;
export type AwsCredentialIdentity = Awaited<ReturnType<ReturnType<typeof fromIni>>>;

interface Source {
  name: string;
  /** Why the source was not tried, when it was not. */
  skipped?: string;
  provide?: AwsCredentialIdentityProvider;
  /** A failure here ends the search (a profile the template or AWS_PROFILE chose must work). */
  final?: boolean;
}

/** The profile in use: the option, then AWS_PROFILE, then "default". */
export function profileOf(c: AwsAccessConfig, env: Env): string {
  return c.profile || env.AWS_PROFILE || 'default';
}

function sources(c: AwsAccessConfig, env: Env): Source[] {
  const explicitProfile = Boolean(c.profile || env.AWS_PROFILE);
  const profile = profileOf(c, env);
  const filepath = c.shared_credentials_file || env.AWS_SHARED_CREDENTIALS_FILE || undefined;
  const envKeys = env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY;
  const imdsOff = c.skip_metadata_api_check ? 'skip_metadata_api_check is set' : env.AWS_EC2_METADATA_DISABLED && env.AWS_EC2_METADATA_DISABLED !== 'false' ? 'AWS_EC2_METADATA_DISABLED is set' : undefined;
  const container = env.AWS_CONTAINER_CREDENTIALS_RELATIVE_URI || env.AWS_CONTAINER_CREDENTIALS_FULL_URI;
  const webIdentity = env.AWS_WEB_IDENTITY_TOKEN_FILE && env.AWS_ROLE_ARN;
  return [
    explicitProfile
      ? { name: 'environment', skipped: `a profile ("${profile}") is chosen` }
      : envKeys
        ? { name: 'environment', provide: async () => ({ accessKeyId: env.AWS_ACCESS_KEY_ID!, secretAccessKey: env.AWS_SECRET_ACCESS_KEY!, sessionToken: env.AWS_SESSION_TOKEN || undefined }) }
        : { name: 'environment', skipped: 'AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not set' },
    {
      name: `shared files (profile "${profile}")`,
      provide: fromIni({ profile, filepath, configFilepath: env.AWS_CONFIG_FILE || undefined, ignoreCache: true }),
      final: explicitProfile,
    },
    webIdentity
      ? { name: 'web identity token', provide: fromTokenFile({ webIdentityTokenFile: env.AWS_WEB_IDENTITY_TOKEN_FILE, roleArn: env.AWS_ROLE_ARN, roleSessionName: env.AWS_ROLE_SESSION_NAME }) }
      : { name: 'web identity token', skipped: 'AWS_WEB_IDENTITY_TOKEN_FILE and AWS_ROLE_ARN are not set' },
    container ? { name: 'container metadata', provide: fromContainerMetadata({ timeout: 1000, maxRetries: 0 }) } : { name: 'container metadata', skipped: 'not in a container with a task role' },
    imdsOff ? { name: 'instance metadata', skipped: imdsOff } : { name: 'instance metadata', provide: fromInstanceMetadata({ timeout: 1000, maxRetries: 0 }) },
  ];
}

/** Tries each source in turn; the first that gives credentials wins. A chosen profile that fails is final. */
async function firstCredentials(c: AwsAccessConfig, env: Env): Promise<AwsCredentialIdentity> {
  const tried: string[] = [];
  for (const source of sources(c, env)) {
    if (!source.provide) {
      tried.push(`${source.name}: ${source.skipped}`);
      continue;
    }
    try {
      return await source.provide();
    } catch (e) {
      if (source.final) throw new Error(`Error loading credentials for AWS Provider: ${awsErrorMessage(e)}`, { cause: e });
      tried.push(`${source.name}: ${awsErrorMessage(e)}`);
    }
  }
  throw new Error(
    'No valid credential sources found. Set access_key and secret_key, the AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY environment variables, ' +
      `or a profile in the shared credentials file. Tried:\n${tried.map((t) => `  - ${t}`).join('\n')}`,
  );
}

export interface StsTarget {
  region: string;
  endpoint?: string;
  maxAttempts: number;
}

/** The run's credentials: found once, then (with assume_role) the role's, refreshed by the SDK when they expire. */
export async function resolveCredentials(c: AwsAccessConfig, env: Env, sts: StsTarget): Promise<AwsCredentialIdentityProvider> {
  const base: AwsCredentialIdentity = c.access_key
    ? { accessKeyId: c.access_key, secretAccessKey: c.secret_key ?? '', sessionToken: c.token || undefined }
    : await firstCredentials(c, env);
  const role = c.assume_role;
  if (!role?.role_arn) return async () => base;
  const tags = Object.entries(role.tags ?? {}).map(([Key, Value]) => ({ Key, Value }));
  return fromTemporaryCredentials({
    masterCredentials: base,
    params: {
      RoleArn: role.role_arn,
      RoleSessionName: role.session_name || `tsbuild-${Date.now()}`,
      ExternalId: role.external_id || undefined,
      DurationSeconds: role.duration_seconds || undefined,
      Policy: role.policy || undefined,
      PolicyArns: role.policy_arns?.length ? role.policy_arns.map((arn) => ({ arn })) : undefined,
      Tags: tags.length ? tags : undefined,
      TransitiveTagKeys: role.transitive_tag_keys?.length ? role.transitive_tag_keys : undefined,
    },
    clientConfig: { region: sts.region, endpoint: sts.endpoint, maxAttempts: sts.maxAttempts },
  });
}
