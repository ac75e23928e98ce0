import type { DataSourcePlugin } from '../../src/plugin/plugins.js';
import { ec2EndpointUnused } from '../../src/providers/aws/access-config.js';
import { loadSecretsManager } from '../../src/providers/aws/load.js';
import { Value } from '../../src/value/value.js';
import { secretsManagerConfig, secretsManagerOutput } from './config.js';
import { chooseSecretValue } from './secret-value.js';

const sensitive = (s: string) => Value.string(s).mark('sensitive');

/**
 * amazon-secretsmanager: one version of a secret, as Packer's amazon plugin reads it. The secret (value,
 * secret_string, secret_binary in base64) is sensitive: hidden in all output. The Secrets Manager client loads only
 * when a template uses this.
 */
export const secretsManagerDataSource: DataSourcePlugin<typeof secretsManagerConfig> = {
  kind: 'data',
  type: 'amazon-secretsmanager',
  config: secretsManagerConfig,
  outputType: secretsManagerOutput,
  execute: async (c, ctx) => {
    const unused = ec2EndpointUnused(c, 'Secrets Manager', 'AWS_ENDPOINT_URL_SECRETS_MANAGER');
    if (unused) ctx.ui.warn(unused);
    const sm = await loadSecretsManager();
    const secret = await sm.getSecretValue(c, c, ctx.env, ctx.signal);
    const secretString = secret.SecretString ?? '';
    return Value.object({
      value: sensitive(chooseSecretValue(secretString, c.key, c.name)),
      secret_string: sensitive(secretString),
      secret_binary: sensitive(secret.SecretBinary ? Buffer.from(secret.SecretBinary).toString('base64') : ''),
      version_id: Value.string(secret.VersionId ?? ''),
    });
  },
};
