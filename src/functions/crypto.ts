// Hash and crypto functions: md5, sha1, sha256, sha512, bcrypt, rsadecrypt.

import { createHash, createPrivateKey } from 'node:crypto';
import { lazyRequire } from '../util/lazy-require.js';

const bcryptjs = lazyRequire<typeof import('bcryptjs')>('bcryptjs');
import { T, Value } from '../value/value.js';
import { decodeBase64 } from './encoding.js';
import { FunctionError, define, param, type FunctionDef } from './types.js';

function hashFn(algorithm: string): FunctionDef {
  return define({
    params: [param('str', T.string)],
    returns: T.string,
    impl: ([s]) => Value.string(createHash(algorithm).update(s!.asString(), 'utf8').digest('hex')),
  });
}

/** bcrypt hash with Go's "$2a$" prefix; costs below 4 fall back to 10 as in golang.org/x/crypto/bcrypt. */
export function bcryptHash(password: string, cost: number): string {
  if (cost > 31) throw new FunctionError(`error occured generating password crypto/bcrypt: cost ${cost} is outside allowed range (4,31)`);
  const rounds = cost < 4 ? 10 : cost;
  const bcrypt = bcryptjs();
  const salt = bcrypt.genSaltSync(rounds).replace(/^\$2b\$/, '$2a$');
  return bcrypt.hashSync(password, salt);
}

function bigFromBase64url(s: string): bigint {
  return BigInt('0x' + (Buffer.from(s, 'base64url').toString('hex') || '0'));
}

function modPow(base: bigint, exp: bigint, mod: bigint): bigint {
  let result = 1n;
  let b = base % mod;
  let e = exp;
  while (e > 0n) {
    if (e & 1n) result = (result * b) % mod;
    b = (b * b) % mod;
    e >>= 1n;
  }
  return result;
}

/** RSA PKCS#1 v1.5 decryption with a PEM "RSA PRIVATE KEY", as Go's rsa.DecryptPKCS1v15. */
export function rsaDecrypt(cipherB64: string, pem: string): string {
  const cipher = decodeBase64(cipherB64);
  if (!cipher) throw new FunctionError(`failed to decode input ${JSON.stringify(cipherB64)}: cipher text must be base64-encoded`);
  const block = /-----BEGIN ([A-Z ]+)-----([\s\S]*?)-----END \1-----/.exec(pem);
  if (!block) throw new FunctionError('failed to parse key: no key found');
  if (/Proc-Type:\s*4,ENCRYPTED/.test(block[2]!)) {
    throw new FunctionError('failed to parse key: password protected keys are not supported. Please decrypt the key prior to use');
  }
  if (block[1] !== 'RSA PRIVATE KEY') {
    throw new FunctionError('failed to parse key: only PKCS#1 keys ("RSA PRIVATE KEY") are supported');
  }
  let jwk: { n?: string; d?: string };
  try {
    jwk = createPrivateKey({ key: block[0], format: 'pem' }).export({ format: 'jwk' }) as { n?: string; d?: string };
  } catch {
    throw new FunctionError('failed to parse key: invalid RSA private key');
  }
  const n = bigFromBase64url(jwk.n!);
  const d = bigFromBase64url(jwk.d!);
  const k = Math.ceil(n.toString(16).length / 2);
  const c = BigInt('0x' + (cipher.toString('hex') || '0'));
  if (cipher.length !== k || c >= n) throw new FunctionError('crypto/rsa: decryption error');
  const em = Buffer.from(modPow(c, d, n).toString(16).padStart(k * 2, '0'), 'hex');
  const sep = em.indexOf(0, 2);
  if (em[0] !== 0 || em[1] !== 2 || sep < 10) throw new FunctionError('crypto/rsa: decryption error');
  return em.subarray(sep + 1).toString('utf8');
}

export const cryptoFunctions: Record<string, FunctionDef> = {
  md5: hashFn('md5'),
  sha1: hashFn('sha1'),
  sha256: hashFn('sha256'),
  sha512: hashFn('sha512'),
  bcrypt: define({
    params: [param('str', T.string)],
    varParam: param('cost', T.number),
    returns: T.string,
    impl([s, ...costs]) {
      if (costs.length > 1) throw new FunctionError('bcrypt() takes no more than two arguments');
      const cost = costs.length === 1 ? costs[0]!.asNumber() : 10;
      if (!Number.isInteger(cost)) throw new FunctionError('value must be a whole number');
      return Value.string(bcryptHash(s!.asString(), cost));
    },
  }),
  rsadecrypt: define({
    params: [param('ciphertext', T.string), param('privatekey', T.string)],
    returns: T.string,
    impl: ([c, k]) => Value.string(rsaDecrypt(c!.asString(), k!.asString())),
  }),
};
