import type { DataSourcePlugin } from '../../src/plugin/plugins.js';
import { ec2EndpointUnused } from '../../src/providers/aws/access-config.js';
import { loadSsm } from '../../src/providers/aws/load.js';
import { Value } from '../../src/value/value.js';
import { parameterStoreConfig, parameterStoreOutput } from './config.js';

/**
 * amazon-parameterstore: one Systems Manager parameter, as Packer's amazon plugin reads it. A SecureString's value
 * is sensitive (hidden in all output), decrypted or not. The SSM client loads only when a template uses this.
 */
export const parameterStoreDataSource: DataSourcePlugin<typeof parameterStoreConfig> = {
  kind: 'data',
  type: 'amazon-parameterstore',
  config: parameterStoreConfig,
  outputType: parameterStoreOutput,
  execute: async (c, ctx) => {
    const unused = ec2EndpointUnused(c, 'Systems Manager', 'AWS_ENDPOINT_URL_SSM');
    if (unused) ctx.ui.warn(unused);
    const ssm = await loadSsm();
    const p = await ssm.getParameter(c, c.name, c.with_decryption, ctx.env, ctx.signal);
    const value = Value.string(p.Value ?? '');
    return Value.object({
      value: p.Type === 'SecureString' ? value.mark('sensitive') : value,
      version: Value.string(String(p.Version ?? 0)),
      arn: Value.string(p.ARN ?? ''),
    });
  },
};
