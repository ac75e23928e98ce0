// iso_checksum and the ISO options as Packer 1.6.6 checks them (messages from `packer validate` of qemu
// templates), checksum files in GNU and BSD formats, and the progress line drawn on terminals only.

import { describe, expect, it } from 'vitest';
import { findInChecksumFile, parseChecksumSpec } from '../../../src/steps/iso/checksum.js';
import { isoProblems, isoWarnings } from '../../../src/steps/iso/config.js';

const base = { iso_target_extension: 'iso' };

describe('iso_checksum', () => {
  it('reads type:hex, bare hex (the type from its length), file: and none', () => {
    expect(parseChecksumSpec('SHA256:' + 'AB'.repeat(32))).toEqual({ kind: 'value', type: 'sha256', hex: 'ab'.repeat(32) });
    expect(parseChecksumSpec('ab'.repeat(16))).toEqual({ kind: 'value', type: 'md5', hex: 'ab'.repeat(16) });
    expect(parseChecksumSpec('ab'.repeat(20))).toMatchObject({ type: 'sha1' });
    expect(parseChecksumSpec('ab'.repeat(64))).toMatchObject({ type: 'sha512' });
    expect(parseChecksumSpec('md5:abcd')).toEqual({ kind: 'value', type: 'md5', hex: 'abcd' });
    expect(parseChecksumSpec('file:https://x/SHA256SUMS')).toEqual({ kind: 'file', url: 'https://x/SHA256SUMS' });
    expect(parseChecksumSpec('none')).toEqual({ kind: 'none' });
  });

  it.each([
    ['sha256:zz', `invalid checksum: encoding/hex: invalid byte: U+007A 'z' in "sha256:zz"`],
    ['abcd', 'Unknown type for checksum abcd in "abcd"'],
    ['foo:abcd', 'unsupported checksum type: foo in "foo:abcd"'],
  ])('rejects %s as Packer 1.6.6 does', (text, message) => {
    expect(() => parseChecksumSpec(text)).toThrow(message);
    expect(isoProblems({ ...base, iso_url: 'x.iso', iso_checksum: text }).map((p) => p.message)).toEqual([message]);
  });

  it('finds the line naming the file in GNU and BSD checksum files', () => {
    const gnu = `${'1'.repeat(64)}  ./other.iso\n${'2'.repeat(64)} *./dir/tiny.iso\n`;
    expect(findInChecksumFile(gnu, 'tiny.iso')).toEqual({ type: 'sha256', hex: '2'.repeat(64) });
    expect(findInChecksumFile(`SHA1 (tiny.iso) = ${'3'.repeat(40)}\n`, 'tiny.iso')).toEqual({ type: 'sha1', hex: '3'.repeat(40) });
    expect(findInChecksumFile(gnu, 'missing.iso')).toBeUndefined();
  });
});

describe('ISO options', () => {
  it("checks the URLs and the checksum with Packer 1.6.6's messages", () => {
    expect(isoProblems({ ...base, iso_url: 'x.iso' }).map((p) => p.message)).toEqual(['A checksum must be specified']);
    expect(isoProblems({ ...base, iso_checksum: 'none' }).map((p) => p.message)).toEqual(['One of iso_url or iso_urls must be specified']);
    expect(isoProblems({ ...base, iso_url: 'x.iso', iso_urls: ['y.iso'], iso_checksum: 'none' }).map((p) => p.message)).toEqual(['Only one of iso_url or iso_urls must be specified']);
    expect(isoProblems({ ...base, iso_urls: ['y.iso'], iso_checksum: 'md5:abcd' })).toEqual([]);
    expect(isoWarnings({ ...base, iso_checksum: 'none' })).toEqual([
      { severity: 'warning', attribute: 'iso_checksum', message: "A checksum of 'none' was specified. Since ISO files are so big,\na checksum is highly recommended." },
    ]);
    expect(isoWarnings({ ...base, iso_checksum: 'sha256:abcd' })).toEqual([]);
  });
});
