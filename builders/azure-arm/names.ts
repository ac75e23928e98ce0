import { randomBytes } from 'node:crypto';

const CHARS = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** Packer's random suffix of temporary names: ten lower-case letters and digits. */
export function randomSuffix(n = 10): string {
  return [...randomBytes(n)].map((b) => CHARS[b % CHARS.length]).join('');
}

/** The names Packer gives the temporary resources of one build. */
export function temporaryNames(vmName: string | undefined) {
  const s = randomSuffix();
  return { vm: vmName || `pkrvm${s}`, nic: `pkrni${s}`, ip: `pkrip${s}`, vnet: `pkrvn${s}`, subnet: `pkrsn${s}`, osDisk: `pkros${s}` };
}
