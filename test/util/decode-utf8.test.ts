import { describe, expect, it } from 'vitest';
import { decodeUtf8 } from '../../src/util/decode-utf8.js';
import { binaryEvidence, isBinaryContent } from '../../src/util/binary-file.js';

describe('decodeUtf8', () => {
  it('decodes valid text as is, a U+FFFD of the text included', () => {
    expect(decodeUtf8(Buffer.from('héllo \ufffd 🎉'))).toEqual({ text: 'héllo \ufffd 🎉', invalid: [] });
  });

  it('replaces each invalid byte by one U+FFFD and says where it stands in the text', () => {
    // a, a lone continuation byte, é, an overlong encoding (2 bytes), a surrogate (3 bytes), 🎉, a truncated sequence at the end.
    const bytes = Buffer.from([0x61, 0x80, 0xc3, 0xa9, 0xc0, 0xaf, 0xed, 0xa0, 0x80, 0xf0, 0x9f, 0x8e, 0x89, 0xe2, 0x82]);
    const { text, invalid } = decodeUtf8(bytes);
    expect(text).toBe('a\ufffdé\ufffd\ufffd\ufffd\ufffd\ufffd🎉\ufffd\ufffd');
    expect(invalid).toEqual([1, 3, 4, 5, 6, 7, 10, 11]);
  });
});

describe('isBinaryContent', () => {
  it('takes NUL bytes or mostly non-text for binary, and text in another encoding for text', () => {
    expect(isBinaryContent(Buffer.from('variable "a" {}\n'))).toBe(false);
    expect(isBinaryContent(Buffer.from('a\0b'))).toBe(true);
    expect(isBinaryContent(Buffer.from(Array.from({ length: 400 }, (_, i) => 0x80 + (i % 100))))).toBe(true);
    expect(isBinaryContent(Buffer.from(Array.from({ length: 400 }, (_, i) => (i % 4 === 0 ? 0x01 : 0x20 + (i % 90)))))).toBe(false);
    expect(isBinaryContent(Buffer.from('# caf\xe9 cr\xe8me\nvariable "a" {}\n', 'latin1'))).toBe(false);
    expect(isBinaryContent(Buffer.alloc(0))).toBe(false);
  });

  it('says where the file gives itself away: its first NUL, or its first odd byte when most are odd', () => {
    expect(binaryEvidence(Buffer.from('ab\ncd\0ef'))?.at).toBe(5);
    const odd = Buffer.concat([Buffer.from('abc'), Buffer.from(Array.from({ length: 100 }, (_, i) => 0x80 + (i % 60)))]);
    expect(binaryEvidence(odd)?.at).toBe(3);
    expect(binaryEvidence(Buffer.from('plain text\n'))).toBeUndefined();
  });
});
