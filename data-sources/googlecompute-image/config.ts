import { declareConfig, opt, type ConfigOf, type ConfigProblem, type ValidateContext } from '../../src/plugin/config.js';
import { checkGcpAccess, gcpAccessOptions } from '../../src/providers/gcp/access-config.js';
import { T } from '../../src/value/value.js';

const { scopes: _scopes, ...access } = gcpAccessOptions;

const googlecomputeImageOptions = {
  ...access,
  filters: opt.string('A Compute list filter: "family=debian-12 AND labels.public-image=true", "name=ubuntu".'),
  most_recent: opt.bool('Takes the newest of several matches (otherwise several matches are an error).').default(false),
};

export type GooglecomputeImageConfig = ConfigOf<typeof googlecomputeImageOptions>;

function check(c: GooglecomputeImageConfig, ctx: ValidateContext): ConfigProblem[] {
  return checkGcpAccess({ ...c, scopes: [] }, ctx);
}

/** Packer's googlecompute-image: the project to look in, a filter, most_recent, and the Google access options. */
export const googlecomputeImageConfig = declareConfig(googlecomputeImageOptions, check);

/** The output, as Packer documents it (id, name, creation_date, labels); tsbuild adds family and self_link. */
export const googlecomputeImageOutput = T.object({
  id: T.string,
  name: T.string,
  creation_date: T.string,
  labels: T.map(T.string),
  family: T.string,
  self_link: T.string,
});
