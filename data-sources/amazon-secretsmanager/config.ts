import { declareConfig, opt, type ConfigOf, type ConfigProblem } from '../../src/plugin/config.js';
import { awsAccessOptions, checkAwsAccess } from '../../src/providers/aws/access-config.js';
import { T } from '../../src/value/value.js';

const secretsManagerOptions = {
  ...awsAccessOptions,
  name: opt.string('The name or ARN of the secret.').required(),
  key: opt.string('For a JSON secret: the key whose value `value` gives.'),
  version_id: opt.string('The version of the secret to read; overrides version_stage.'),
  version_stage: opt.string('The staging label of the version to read.').defaultIfEmpty('AWSCURRENT'),
};

export type SecretsManagerConfig = ConfigOf<typeof secretsManagerOptions>;

function checkName(c: SecretsManagerConfig): ConfigProblem[] {
  return c.name ? [] : [{ message: "a 'name' must be provided", attribute: 'name' }];
}

/** Packer's amazon-secretsmanager: the AWS access options and which secret version, with Packer's checks. */
export const secretsManagerConfig = declareConfig(secretsManagerOptions, (c) => [...checkAwsAccess(c), ...checkName(c)]);

/** The output, as Packer documents it; everything but version_id is sensitive. */
export const secretsManagerOutput = T.object({ value: T.string, secret_string: T.string, secret_binary: T.string, version_id: T.string });
