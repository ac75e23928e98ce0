// `iso_checksum` as Packer 1.6.6 reads it (through go-getter): `type:hex` (md5, sha1, sha256, sha512), a bare hex
// value whose type its length tells, `file:URL` (a checksum file: GNU `hex  name` or BSD `SHA256 (name) = hex`
// lines, the one naming the ISO's file), or `none`. Messages are Packer's; each ends with `in "<iso_checksum>"`.

import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { posix } from 'node:path';

export type ChecksumType = 'md5' | 'sha1' | 'sha256' | 'sha512';

const HEX_LENGTHS: Record<number, ChecksumType> = { 32: 'md5', 40: 'sha1', 64: 'sha256', 128: 'sha512' };
const TYPES: readonly string[] = ['md5', 'sha1', 'sha256', 'sha512'];

/** A checksum as written: a value to compare with, a checksum file to read it from, or none. */
export type ChecksumSpec = { kind: 'none' } | { kind: 'value'; type: ChecksumType; hex: string } | { kind: 'file'; url: string };

export interface Checksum {
  type: ChecksumType;
  hex: string;
}

/** `sha256:<hex>`: how Packer writes a resolved checksum, in the download URL and its cache key. */
export const checksumText = (c: Checksum) => `${c.type}:${c.hex}`;

/** Go's encoding/hex check: the first byte that is not hex, or an odd length. */
function hexProblem(hex: string): string | undefined {
  const bad = [...hex].find((c) => !/[0-9a-fA-F]/.test(c));
  if (bad) return `encoding/hex: invalid byte: U+${bad.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')} ${JSON.stringify(bad).replace(/^"|"$/g, "'")}`;
  if (hex.length % 2 === 1) return 'encoding/hex: odd length hex string';
  return undefined;
}

/** A value (`type:hex` or bare hex) as a checksum, or the reason it is not one (without the `in "..."` suffix). */
export function parseChecksumValue(text: string): Checksum | string {
  const colon = text.indexOf(':');
  if (colon < 0) {
    const type = HEX_LENGTHS[text.length];
    if (!type) return `Unknown type for checksum ${text}`;
    const p = hexProblem(text);
    return p ? `invalid checksum: ${p}` : { type, hex: text.toLowerCase() };
  }
  const type = text.slice(0, colon).toLowerCase();
  const hex = text.slice(colon + 1);
  if (!TYPES.includes(type)) return `unsupported checksum type: ${text.slice(0, colon)}`;
  const p = hexProblem(hex);
  return p ? `invalid checksum: ${p}` : { type: type as ChecksumType, hex: hex.toLowerCase() };
}

/** Reads `iso_checksum`; throws Packer's message for a malformed one. */
export function parseChecksumSpec(text: string): ChecksumSpec {
  if (text.toLowerCase() === 'none') return { kind: 'none' };
  if (text.startsWith('file:')) return { kind: 'file', url: text.slice('file:'.length) };
  const c = parseChecksumValue(text);
  if (typeof c === 'string') throw new Error(`${c} in ${JSON.stringify(text)}`);
  return { kind: 'value', ...c };
}

/** The checksum of `fileName` in a checksum file's text, else undefined. */
export function findInChecksumFile(text: string, fileName: string): Checksum | string | undefined {
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    const bsd = /^([A-Za-z0-9]+) \((.+)\) = ([0-9A-Za-z]+)$/.exec(line);
    const gnu = /^([0-9A-Za-z]+)\s+\*?(.+)$/.exec(line);
    const [name, value] = bsd ? [bsd[2]!, `${bsd[1]!.toLowerCase()}:${bsd[3]}`] : gnu ? [gnu[2]!, gnu[1]!] : [];
    if (name === undefined || value === undefined) continue;
    if (posix.normalize(name) === fileName || posix.basename(name) === fileName) return parseChecksumValue(value);
  }
  return undefined;
}

/** The hex digest of a file. */
export async function hashFile(path: string, type: ChecksumType, signal?: AbortSignal): Promise<string> {
  const hash = createHash(type);
  for await (const chunk of createReadStream(path, { signal })) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
