import { declareConfig, opt, type ConfigOf, type ConfigProblem } from '../../src/plugin/config.js';
import { awsAccessOptions, checkAwsAccess } from '../../src/providers/aws/access-config.js';
import { T } from '../../src/value/value.js';

const parameterStoreOptions = {
  ...awsAccessOptions,
  name: opt.string('The name of the parameter (or name:version, name:label).').required(),
  with_decryption: opt.bool('Decrypts SecureString parameters; String and StringList parameters ignore it.').default(false),
};

export type ParameterStoreConfig = ConfigOf<typeof parameterStoreOptions>;

function checkName(c: ParameterStoreConfig): ConfigProblem[] {
  return c.name ? [] : [{ message: "a 'name' must be provided", attribute: 'name' }];
}

/** Packer's amazon-parameterstore: the AWS access options, `name` and `with_decryption`, with Packer's checks. */
export const parameterStoreConfig = declareConfig(parameterStoreOptions, (c) => [...checkAwsAccess(c), ...checkName(c)]);

/** The output, as Packer documents it. `value` is sensitive when the parameter is a SecureString. */
export const parameterStoreOutput = T.object({ value: T.string, version: T.string, arn: T.string });
