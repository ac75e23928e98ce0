import { declareConfig, opt, type ConfigOfDeclaration, type ConfigProblem } from '../../src/plugin/config.js';
import { detectFormat, refusedFormat } from './detect-format.js';
import { checkOutputTemplate } from './output-path.js';

export const compressConfig = declareConfig(
  {
    output: opt.string('The archive, a template with {{.BuildName}} and {{.BuilderType}}; its extensions choose the format.').defaultIfEmpty('packer_{{.BuildName}}_{{.BuilderType}}'),
    format: opt.string('The format when the output has no extension for it: tar.gz, zip, tar.lz4, tar.xz, tar, gz, lz4, bgzf.'),
    compression_level: opt.number('gzip and bgzf: from 1 (fastest) to 9 (smallest); 6 when unset, 0 or -1; -2 for Huffman coding only.'),
  },
  (config) => {
    const problems: ConfigProblem[] = [...checkOutputTemplate(config.output)];
    const refused = refusedFormat(config.output, config.format);
    if (refused) problems.push({ message: refused, attribute: config.format ? 'format' : 'output' });
    const { algorithm } = detectFormat(config.output, config.format);
    const level = config.compression_level;
    if ((algorithm === 'gzip' || algorithm === 'bgzf') && level !== undefined && level < -2) {
      problems.push({ message: 'Invalid compression level. Expected an integer from -1 to 9.', attribute: 'compression_level' });
    }
    return problems;
  },
);

export type CompressConfig = ConfigOfDeclaration<typeof compressConfig>;

/** Packer's level: above 9 is 9, 0 and -1 (and unset) are the default 6. */
export function effectiveLevel(level: number | undefined): number {
  if (level === undefined || level === 0 || level === -1) return 6;
  return Math.min(9, Math.trunc(level));
}
