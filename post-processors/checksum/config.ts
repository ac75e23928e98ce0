import { declareConfig, opt, type ConfigOfDeclaration, type ConfigProblem } from '../../src/plugin/config.js';
import { checkOutputTemplate } from '../compress/output-path.js';
import { HASH_ALGORITHMS } from './hash-files.js';

export const checksumConfig = declareConfig(
  {
    checksum_types: opt.strings('The checksums to compute: md5, sha1, sha224, sha256, sha384, sha512.').default(['md5']),
    output: opt
      .string('The checksum file, a template with {{.BuildName}}, {{.BuilderType}} and {{.ChecksumType}}.')
      .defaultIfEmpty('packer_{{.BuildName}}_{{.BuilderType}}_{{.ChecksumType}}.checksum'),
  },
  (config) => {
    const problems: ConfigProblem[] = config.checksum_types
      .filter((t) => !Object.hasOwn(HASH_ALGORITHMS, t))
      .map((t) => ({ message: `Unrecognized checksum type: ${t}`, attribute: 'checksum_types' }));
    return [...problems, ...checkOutputTemplate(config.output)];
  },
);

export type ChecksumConfig = ConfigOfDeclaration<typeof checksumConfig>;
