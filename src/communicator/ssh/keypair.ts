// Temporary key pairs (`temporary_key_pair_type`, `temporary_key_pair_bits`) for builders that create the
// machine and install the public key on it, in OpenSSH formats.

import type { KeyPairType } from './config.js';
import { loadSsh2 } from './load.js';

export interface KeyPair {
  /** OpenSSH private key (`-----BEGIN OPENSSH PRIVATE KEY-----`). */
  privateKey: string;
  /** authorized_keys line: `ssh-ed25519 AAAA... comment`. */
  publicKey: string;
}

/** Makes a key pair; rsa defaults to 4096 bits and ecdsa to 521 (256, 384 and 521 are valid), as Packer. */
export async function generateKeyPair(type: KeyPairType, bits: number | undefined, comment: string): Promise<KeyPair> {
  const ssh2 = loadSsh2();
  if (type === 'dsa') throw new Error('temporary_key_pair_type "dsa" is not supported by OpenSSH 7.0 and later: use ed25519, ecdsa or rsa');
  if (type === 'ecdsa' && bits !== undefined && ![256, 384, 521].includes(bits)) throw new Error(`temporary_key_pair_bits for ecdsa must be 256, 384 or 521; got ${bits}`);
  const options = type === 'ed25519' ? { comment } : { bits: bits ?? (type === 'rsa' ? 4096 : 521), comment };
  const pair = await new Promise<{ private: string; public: string }>((resolve, reject) =>
    ssh2.utils.generateKeyPair(type, options, (err, keys) => (err ? reject(err) : resolve(keys))),
  );
  return { privateKey: pair.private, publicKey: pair.public.trim() };
}

/** The authorized_keys line of a private key (what `ssh-keygen -y` prints). */
export async function publicKeyOf(privateKey: string, comment = ''): Promise<string> {
  const ssh2 = loadSsh2();
  const parsed = ssh2.utils.parseKey(privateKey);
  const key = Array.isArray(parsed) ? parsed[0] : parsed;
  if (!key || key instanceof Error) throw new Error(`not a private key: ${key instanceof Error ? key.message : 'empty'}`);
  return `${key.type} ${key.getPublicSSH().toString('base64')}${comment ? ` ${comment}` : ''}`;
}
