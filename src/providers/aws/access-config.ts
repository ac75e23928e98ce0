// The AWS access options Packer's amazon plugin shares between its builders and data sources (its AccessConfig),
// declared once and spread into each plugin's options, with Packer's checks. Credentials are sensitive. Options
// tsbuild cannot honour (Vault, MFA codes, decoded authorization messages) are rejected with a message rather than
// accepted and ignored.

import { block, opt, type ConfigOf, type ConfigProblem } from '../../plugin/config.js';

/** Packer's default when max_retries is 0 or unset: the SDK's 3 retries trip over throttling too often. */
export const DEFAULT_MAX_RETRIES = 10;

export const awsAccessOptions = {
  access_key: opt.string('The access key ID; otherwise AWS_ACCESS_KEY_ID, a shared credentials profile, or instance metadata.').sensitive(),
  secret_key: opt.string('The secret access key that goes with access_key.').sensitive(),
  token: opt.string('The session token of temporary credentials; otherwise AWS_SESSION_TOKEN.').sensitive(),
  profile: opt.string('The profile of the shared credentials and config files; otherwise AWS_PROFILE, then "default".'),
  shared_credentials_file: opt.string('The shared credentials file; otherwise AWS_SHARED_CREDENTIALS_FILE, then ~/.aws/credentials.'),
  region: opt.string('The region, such as us-east-1; otherwise AWS_REGION, AWS_DEFAULT_REGION or the profile\'s region.'),
  assume_role: block('A role to assume with the credentials found (STS AssumeRole).', {
    role_arn: opt.string('The ARN of the role to assume.'),
    session_name: opt.string('The name of the role session.'),
    external_id: opt.string('The external ID the role\'s trust policy asks for.'),
    duration_seconds: opt.number('How long the role session lasts, in seconds (900 to 43200).'),
    policy: opt.string('An IAM policy (JSON) that further restricts the session.'),
    policy_arns: opt.strings('ARNs of IAM policies that further restrict the session.'),
    tags: opt.stringMap('Session tags.'),
    transitive_tag_keys: opt.strings('Session tag keys passed on to sessions this one starts.'),
  }),
  custom_endpoint_ec2: opt.string('An EC2 endpoint to use instead of AWS\'s, for EC2-compatible clouds: https://ec2.custom.endpoint.com.'),
  insecure_skip_tls_verify: opt.bool('Does not verify the TLS certificate of the EC2 endpoint.'),
  max_retries: opt.number(`How many times an API call is retried when throttled or failing transiently (${DEFAULT_MAX_RETRIES} when 0 or unset).`).defaultIfEmpty(DEFAULT_MAX_RETRIES),
  skip_metadata_api_check: opt.bool('Does not ask the EC2 instance metadata service for credentials.'),
  skip_credential_validation: opt.bool('Does not check the credentials with STS GetCallerIdentity before using them.'),
  mfa_code: opt.string('Rejected: tsbuild does not assume roles with an MFA code.').sensitive(),
  decode_authorization_messages: opt.bool('Rejected: tsbuild does not decode authorization messages with STS.'),
  vault_aws_engine: block('Rejected: tsbuild does not get credentials from HashiCorp Vault.', {
    name: opt.string('The Vault role.'),
    role_arn: opt.string('The AWS role ARN.'),
    ttl: opt.string('The STS token TTL.'),
    engine_name: opt.string('The Vault secrets engine.'),
  }),
};

export type AwsAccessConfig = ConfigOf<typeof awsAccessOptions>;

/** Packer's checks and messages, then the options tsbuild rejects. */
export function checkAwsAccess(c: AwsAccessConfig): ConfigProblem[] {
  const out: ConfigProblem[] = [];
  if (Boolean(c.access_key) !== Boolean(c.secret_key)) out.push({ message: '`access_key` and `secret_key` must both be either set or not set.' });
  if (c.token && !c.access_key) out.push({ message: '`token` is the session token of `access_key` and `secret_key`: set them too', attribute: 'token' });
  if (c.max_retries < 0 || !Number.isInteger(c.max_retries)) out.push({ message: '`max_retries` must be a whole number, 0 or more', attribute: 'max_retries' });
  if (c.assume_role && !c.assume_role.role_arn) out.push({ message: 'the `assume_role` block needs `role_arn`: the role to assume' });
  if (c.custom_endpoint_ec2 && !endpointUrl(c.custom_endpoint_ec2)) {
    out.push({ message: `\`custom_endpoint_ec2\` must be an http or https URL such as https://ec2.custom.endpoint.com; got "${c.custom_endpoint_ec2}"`, attribute: 'custom_endpoint_ec2' });
  }
  if (c.mfa_code) out.push({ message: '`mfa_code` is not supported by tsbuild: assume the role with a profile (role_arn, mfa_serial) or give temporary credentials' });
  if (c.decode_authorization_messages) out.push({ message: '`decode_authorization_messages` is not supported by tsbuild: decode messages with `aws sts decode-authorization-message`', attribute: 'decode_authorization_messages' });
  if (c.vault_aws_engine) out.push({ message: '`vault_aws_engine` is not supported by tsbuild: read the credentials from Vault into access_key, secret_key and token' });
  return out;
}

/** The endpoint as a URL: a bare host name means https, as in Packer. Undefined when it is not one. */
export function endpointUrl(text: string): string | undefined {
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text}`;
  try {
    const u = new URL(withScheme);
    return (u.protocol === 'http:' || u.protocol === 'https:') && u.hostname ? withScheme : undefined;
  } catch {
    return undefined;
  }
}

/**
 * For data sources that do not call EC2: custom_endpoint_ec2 (accepted, as Packer accepts it) has no effect there;
 * the service's endpoint comes from its environment variable.
 */
export function ec2EndpointUnused(c: AwsAccessConfig, service: string, variable: string): string | undefined {
  if (!c.custom_endpoint_ec2) return undefined;
  return `\`custom_endpoint_ec2\` is EC2's endpoint and this data source calls ${service}, not EC2: it has no effect here. Set ${variable} to use another ${service} endpoint.`;
}
