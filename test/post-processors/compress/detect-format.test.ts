import { describe, expect, it } from 'vitest';
import { detectFormat, refusedFormat } from '../../../post-processors/compress/detect-format.js';

describe("compress format detection, as Packer 1.6.6's detectFromFilename", () => {
  it.each([
    ['a.tar.gz', undefined, { archive: 'tar', algorithm: 'gzip' }],
    ['a.tgz', undefined, { archive: 'tar', algorithm: 'gzip' }],
    ['a.gz', undefined, { algorithm: 'gzip' }],
    ['a.tar', undefined, { archive: 'tar' }],
    ['a.zip', undefined, { archive: 'zip' }],
    ['a.tar.lz4', undefined, { archive: 'tar', algorithm: 'lz4' }],
    ['a.lz4', undefined, { algorithm: 'lz4' }],
    ['a.tar.xz', undefined, { archive: 'tar', algorithm: 'xz' }],
    ['a.bgzf', undefined, { algorithm: 'bgzf' }],
    // No extension, or one Packer does not know (in lower case: `.BuildName` is none): tar + gzip.
    ['packer_{{.BuildName}}_{{.BuilderType}}', undefined, { archive: 'tar', algorithm: 'gzip' }],
    ['disk.img', undefined, { archive: 'tar', algorithm: 'gzip' }],
    ['a.TAR.GZ', undefined, { archive: 'tar', algorithm: 'gzip' }],
    // `format` is appended to the output.
    ['out', 'tar.xz', { archive: 'tar', algorithm: 'xz' }],
    ['out', 'zip', { archive: 'zip' }],
  ] as const)('%s (format %s)', (output, format, expected) => {
    expect(detectFormat(output, format)).toEqual({ archive: undefined, algorithm: undefined, ...expected });
  });

  it('refuses the bzip2 extensions Packer would fill with gzip', () => {
    expect(refusedFormat('a.tar.bzip2', undefined)).toMatch(/^bzip2 compression is not available/);
    expect(refusedFormat('a', 'bz2')).toMatch(/^bzip2 compression is not available/);
    expect(refusedFormat('a.tar.gz', undefined)).toBeUndefined();
  });
});
