// RFB's "VNC Authentication": the 16-byte challenge encrypted with DES, the key being the password's first 8 bytes
// (zero-padded), each byte's bits reversed. OpenSSL 3 moved single DES to its legacy provider, which Node does not
// load; two-key triple DES with both keys equal (encrypt, decrypt, encrypt with one key) is single DES, and
// `des-ede-ecb` is in the default provider.

import { createCipheriv } from 'node:crypto';

function reverseBits(b: number): number {
  let r = 0;
  for (let i = 0; i < 8; i++) r |= ((b >> i) & 1) << (7 - i);
  return r;
}

export function vncAuthResponse(password: string, challenge: Buffer): Buffer {
  const key = Buffer.alloc(8);
  Buffer.from(password, 'latin1').subarray(0, 8).forEach((b, i) => (key[i] = reverseBits(b)));
  const cipher = createCipheriv('des-ede-ecb', Buffer.concat([key, key]), null);
  cipher.setAutoPadding(false);
  return Buffer.concat([cipher.update(challenge), cipher.final()]);
}
