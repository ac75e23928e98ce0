// A new version's fingerprint when HCP_PACKER_BUILD_FINGERPRINT is not set: a ULID, as current Packer makes one
// (48 bits of milliseconds, then 80 random bits, in Crockford's base 32), so that fingerprints sort by time.

import { randomBytes } from 'node:crypto';

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

export function newFingerprint(now = Date.now()): string {
  let time = '';
  for (let t = now, i = 0; i < 10; i++, t = Math.floor(t / 32)) time = CROCKFORD[t % 32]! + time;
  const random = [...randomBytes(16)].map((b) => CROCKFORD[b % 32]).join('');
  return time + random;
}
