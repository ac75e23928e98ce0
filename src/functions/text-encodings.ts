// Character encodings for textencodebase64/textdecodebase64, by IANA name or alias. Decoding covers every
// encoding the WHATWG TextDecoder knows; encoding covers UTF-8, UTF-16 and the single-byte encodings.

import { FunctionError, argError } from './types.js';

function normalizeName(name: string): string | undefined {
  const key = name.trim().toLowerCase();
  if (key === 'utf-16' || key === 'utf16') return 'utf-16';
  if (key === 'utf-16be' || key === 'utf-16le') return key;
  try {
    return new TextDecoder(key).encoding;
  } catch {
    return undefined;
  }
}

function unsupported(name: string): FunctionError {
  return argError(1, `${JSON.stringify(name)} is not a supported IANA encoding name or alias in this Packer version`);
}

function utf16(s: string, bigEndian: boolean, bom: boolean): Buffer {
  const units = (bom ? '\ufeff' : '') + s;
  const buf = Buffer.alloc(units.length * 2);
  for (let i = 0; i < units.length; i++) {
    const u = units.charCodeAt(i);
    if (bigEndian) buf.writeUInt16BE(u, i * 2);
    else buf.writeUInt16LE(u, i * 2);
  }
  return buf;
}

function singleByte(s: string, encoding: string, displayName: string): Buffer {
  const decoder = new TextDecoder(encoding);
  const table = new Map<string, number>();
  for (let b = 255; b >= 0; b--) {
    const ch = decoder.decode(Uint8Array.of(b));
    if (ch !== '\ufffd') table.set(ch, b);
  }
  const out: number[] = [];
  for (const ch of s) {
    const b = table.get(ch);
    if (b === undefined) throw argError(0, `the given string contains characters that cannot be represented in ${displayName}`);
    out.push(b);
  }
  return Buffer.from(out);
}

/** Bytes of `s` in the named encoding; throws FunctionError for unknown or unsupported encodings. */
export function encodeText(s: string, name: string): Buffer {
  const enc = normalizeName(name);
  if (!enc) throw unsupported(name);
  if (enc === 'utf-8') return Buffer.from(s, 'utf8');
  if (enc === 'utf-16') return utf16(s, true, true);
  if (enc === 'utf-16be') return utf16(s, true, false);
  if (enc === 'utf-16le') return utf16(s, false, false);
  // Single-byte encodings decode one byte to one character; multi-byte ones cannot be encoded here.
  const probe = new TextDecoder(enc).decode(Uint8Array.of(0x41, 0x42));
  if (probe !== 'AB' || ['gbk', 'gb18030', 'big5', 'euc-jp', 'iso-2022-jp', 'shift_jis', 'euc-kr'].includes(enc)) {
    throw unsupported(name);
  }
  return singleByte(s, enc, name);
}

/** Text of `bytes` in the named encoding. */
export function decodeText(bytes: Buffer, name: string): string {
  const enc = normalizeName(name);
  if (!enc) throw unsupported(name);
  try {
    if (enc === 'utf-16') return new TextDecoder('utf-16be', { fatal: true }).decode(bytes).replace(/^\ufeff/, '');
    return new TextDecoder(enc, { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    throw argError(0, `the given string contains symbols that are not defined for ${name}`);
  }
}
