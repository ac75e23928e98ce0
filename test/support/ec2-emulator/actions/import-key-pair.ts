// ImportKeyPair: a key pair from the caller's own OpenSSH public key (newer Packer makes its temporary key pair
// this way). The material arrives base64-encoded (the SDKs encode the blob); EC2's fingerprint of an imported RSA
// key is the MD5 of its DER public key, of an ed25519 key the SHA-256 of its SSH blob.

import { createHash, createPublicKey } from 'node:crypto';
import { invalidParameter } from '../errors.js';
import { tagSet, type Action } from '../context.js';
import { required } from '../query.js';
import { addKeyPair } from './key-pairs.js';

/** The SSH wire strings of a public key blob. */
function sshStrings(blob: Buffer): Buffer[] {
  const out: Buffer[] = [];
  for (let at = 0; at + 4 <= blob.length; ) {
    const len = blob.readUInt32BE(at);
    out.push(blob.subarray(at + 4, at + 4 + len));
    at += 4 + len;
  }
  return out;
}

function fingerprintOf(type: 'rsa' | 'ed25519', blob: Buffer): string {
  if (type === 'ed25519') return createHash('sha256').update(blob).digest('base64');
  const [, e, n] = sshStrings(blob);
  const der = createPublicKey({ key: { kty: 'RSA', e: e!.toString('base64url'), n: n!.toString('base64url') }, format: 'jwk' }).export({ type: 'spki', format: 'der' });
  return createHash('md5').update(der).digest('hex').match(/../g)!.join(':');
}

export const importKeyPair: Action = (ctx) => {
  const name = required(ctx.params, 'KeyName');
  const line = Buffer.from(required(ctx.params, 'PublicKeyMaterial'), 'base64').toString('utf8').trim();
  const [algorithm = '', data = ''] = line.split(/\s+/);
  const type = algorithm === 'ssh-rsa' ? 'rsa' : algorithm === 'ssh-ed25519' ? 'ed25519' : undefined;
  const blob = Buffer.from(data, 'base64');
  if (!type || sshStrings(blob)[0]?.toString() !== algorithm) throw invalidParameter('Key is not in valid OpenSSH public key format');
  const key = addKeyPair(ctx, { name, keyType: type, fingerprint: fingerprintOf(type, blob), publicKey: `${algorithm} ${data}` });
  return { keyFingerprint: key.fingerprint, keyName: name, keyPairId: key.id, tagSet: tagSet(key.tags) };
};
