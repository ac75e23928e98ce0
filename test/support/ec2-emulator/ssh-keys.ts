// Key material as EC2 hands it out: RSA private keys in PEM (PKCS#1), ed25519 ones in OpenSSH's format, and the
// public key in OpenSSH's one-line form, so an sshd on loopback can be told to accept the key.

import { createHash, generateKeyPairSync, randomBytes, type KeyObject } from 'node:crypto';

export interface KeyMaterial {
  privateKey: string;
  /** `ssh-rsa AAAA...` / `ssh-ed25519 AAAA...` */
  publicKey: string;
  fingerprint: string;
}

function sshString(data: Buffer | string): Buffer {
  const b = typeof data === 'string' ? Buffer.from(data) : data;
  const len = Buffer.alloc(4);
  len.writeUInt32BE(b.length);
  return Buffer.concat([len, b]);
}

/** An SSH mpint from a big-endian unsigned integer. */
function sshMpint(b: Buffer): Buffer {
  let i = 0;
  while (i < b.length - 1 && b[i] === 0) i++;
  const trimmed = b.subarray(i);
  return sshString(trimmed[0]! & 0x80 ? Buffer.concat([Buffer.from([0]), trimmed]) : trimmed);
}

const jwkBytes = (key: KeyObject, field: 'n' | 'e' | 'x') => Buffer.from((key.export({ format: 'jwk' }) as Record<string, string>)[field]!, 'base64url');

function wrap64(text: string): string {
  return text.match(/.{1,70}/g)!.join('\n');
}

/** OpenSSH's unencrypted private key format for one ed25519 key. */
function openSshEd25519(publicRaw: Buffer, privateKey: KeyObject): string {
  const seed = Buffer.from((privateKey.export({ format: 'jwk' }) as { d: string }).d, 'base64url');
  const publicBlob = Buffer.concat([sshString('ssh-ed25519'), sshString(publicRaw)]);
  const check = randomBytes(4);
  let body = Buffer.concat([check, check, sshString('ssh-ed25519'), sshString(publicRaw), sshString(Buffer.concat([seed, publicRaw])), sshString('')]);
  const pad = (8 - (body.length % 8)) % 8;
  body = Buffer.concat([body, Buffer.from(Array.from({ length: pad }, (_, i) => i + 1))]);
  const none = sshString('none');
  const whole = Buffer.concat([Buffer.from('openssh-key-v1\0'), none, none, sshString(''), Buffer.from([0, 0, 0, 1]), sshString(publicBlob), sshString(body)]);
  return `-----BEGIN OPENSSH PRIVATE KEY-----\n${wrap64(whole.toString('base64'))}\n-----END OPENSSH PRIVATE KEY-----\n`;
}

export function generateKeyMaterial(type: 'rsa' | 'ed25519'): KeyMaterial {
  if (type === 'ed25519') {
    const { publicKey, privateKey } = generateKeyPairSync('ed25519');
    const raw = jwkBytes(publicKey, 'x');
    const blob = Buffer.concat([sshString('ssh-ed25519'), sshString(raw)]);
    return {
      privateKey: openSshEd25519(raw, privateKey),
      publicKey: `ssh-ed25519 ${blob.toString('base64')}`,
      fingerprint: createHash('sha256').update(blob).digest('base64'),
    };
  }
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const blob = Buffer.concat([sshString('ssh-rsa'), sshMpint(jwkBytes(publicKey, 'e')), sshMpint(jwkBytes(publicKey, 'n'))]);
  const der = privateKey.export({ type: 'pkcs8', format: 'der' });
  return {
    privateKey: privateKey.export({ type: 'pkcs1', format: 'pem' }) as string,
    publicKey: `ssh-rsa ${blob.toString('base64')}`,
    fingerprint: createHash('sha1').update(der).digest('hex').match(/../g)!.join(':'),
  };
}
