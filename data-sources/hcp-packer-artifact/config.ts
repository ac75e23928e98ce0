import { declareConfig, opt, type ConfigOf, type ConfigProblem } from '../../src/plugin/config.js';
import { T } from '../../src/value/value.js';

const artifactOptions = {
  bucket_name: opt.string('The bucket in the image registry.').required(),
  channel_name: opt.string('The channel whose version holds the artifact (or give version_fingerprint).').default(''),
  version_fingerprint: opt.string('The fingerprint of the version that holds the artifact (or give channel_name).').default(''),
  platform: opt.string('The platform of the artifact: aws, docker, null...').required(),
  region: opt.string('The region of the artifact.').required(),
  component_type: opt.string('Only the artifacts of this build (`amazon-ebs.ubuntu`).').default(''),
};

export type HcpPackerArtifactConfig = ConfigOf<typeof artifactOptions>;

/** Packer's checks and messages: a bucket, a platform, a region, and one of channel_name and version_fingerprint. */
function checkArtifact(c: HcpPackerArtifactConfig): ConfigProblem[] {
  const out: ConfigProblem[] = [];
  for (const name of ['bucket_name', 'region', 'platform'] as const) {
    if (c[name] === '') out.push({ message: `the \`${name}\` must be specified`, attribute: name });
  }
  if (c.channel_name === '' && c.version_fingerprint === '') out.push({ message: '`version_fingerprint` or `channel_name` must be specified' });
  if (c.channel_name !== '' && c.version_fingerprint !== '') out.push({ message: '`version_fingerprint` and `channel_name` cannot be specified together', attribute: 'version_fingerprint' });
  return out;
}

export const hcpPackerArtifactConfig = declareConfig(artifactOptions, checkArtifact);

/** The output, as Packer documents it; channel_id is empty when the version was given by its fingerprint. */
export const hcpPackerArtifactOutput = T.object({
  platform: T.string,
  component_type: T.string,
  created_at: T.string,
  build_id: T.string,
  version_id: T.string,
  channel_id: T.string,
  packer_run_uuid: T.string,
  external_identifier: T.string,
  region: T.string,
  labels: T.map(T.string),
});
