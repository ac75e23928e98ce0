import { declareConfig, opt, type ConfigOf } from '../../src/plugin/config.js';
import { T } from '../../src/value/value.js';

const versionOptions = {
  bucket_name: opt.string('The bucket in the image registry.').required(),
  channel_name: opt.string('The channel of the bucket whose version is read.').required(),
};

export type HcpPackerVersionConfig = ConfigOf<typeof versionOptions>;

/** Packer's checks and messages. */
export const hcpPackerVersionConfig = declareConfig(versionOptions, (c) => [
  ...(c.bucket_name === '' ? [{ message: 'the `bucket_name` must be specified', attribute: 'bucket_name' }] : []),
  ...(c.channel_name === '' ? [{ message: 'the `channel_name` must be specified', attribute: 'channel_name' }] : []),
]);

/**
 * The output, as Packer documents it (author_id, bucket_name, status, created_at, fingerprint, id, name,
 * updated_at, channel_id); tsbuild adds revoke_at (empty unless revocation is scheduled).
 */
export const hcpPackerVersionOutput = T.object({
  author_id: T.string,
  bucket_name: T.string,
  status: T.string,
  created_at: T.string,
  fingerprint: T.string,
  id: T.string,
  name: T.string,
  updated_at: T.string,
  channel_id: T.string,
  revoke_at: T.string,
});
