// OpenSSH user certificates (`ssh_certificate_file`) for ssh2, which has no certificate support: the key
// offered is the certificate, signatures are made by the private key, and the public-key request is written
// here because a certificate's signature algorithm is the plain key's (`ssh-ed25519` for
// `ssh-ed25519-cert-v01@openssh.com`), which ssh2 cannot express.

import { createRequire } from 'node:module';
import type { ParsedKey } from 'ssh2';

const require = createRequire(import.meta.url);

/** The algorithm names of a certificate type: the key algorithm sent, the signature's, and the hash. */
function algorithmsOf(certType: string): { keyAlgo: string; sigAlgo: string; hash?: string } {
  if (certType === 'ssh-rsa-cert-v01@openssh.com') return { keyAlgo: 'rsa-sha2-256-cert-v01@openssh.com', sigAlgo: 'rsa-sha2-256', hash: 'sha256' };
  return { keyAlgo: certType, sigAlgo: certType.replace('-cert-v01@openssh.com', '') };
}

/** A parsed private key that presents `certText` (an OpenSSH `*-cert.pub` line) as its public key. */
export function certifiedKey(privateKey: ParsedKey, certText: string): ParsedKey {
  const [type, b64] = certText.trim().split(/\s+/);
  if (!type || !b64 || !type.endsWith('-cert-v01@openssh.com')) throw new Error('ssh_certificate_file is not an OpenSSH certificate');
  const blob = Buffer.from(b64, 'base64');
  const key = Object.create(privateKey) as ParsedKey;
  Object.defineProperty(key, 'type', { value: type });
  Object.defineProperty(key, 'getPublicSSH', { value: () => blob });
  return key;
}

function sshString(b: Buffer | string): Buffer {
  const body = typeof b === 'string' ? Buffer.from(b) : b;
  const len = Buffer.alloc(4);
  len.writeUInt32BE(body.length);
  return Buffer.concat([len, body]);
}

interface ProtocolInternals {
  authPK(username: string, key: unknown, keyAlgo?: unknown, cbSign?: unknown): void;
  _authsQueue: string[];
  _kex: { sessionID: Buffer };
  _packetRW: { write: { alloc(n: number): Buffer; allocStart: number; finalize(p: Buffer): Buffer } };
}

/**
 * Makes the client's protocol write public-key requests for `certKey` itself (both the query and the signed
 * request); other keys go through ssh2 unchanged. Call once the protocol exists (from the auth handler).
 */
export function patchCertificateAuth(protocol: unknown, certKey: ParsedKey): void {
  const proto = protocol as ProtocolInternals & { __tsbuildCert?: boolean };
  if (proto.__tsbuildCert) return;
  proto.__tsbuildCert = true;
  const { sendPacket, convertSignature } = require('ssh2/lib/protocol/utils.js') as {
    sendPacket(p: unknown, packet: Buffer): void;
    convertSignature(sig: Buffer, type: string): Buffer | false;
  };
  const original = proto.authPK.bind(proto);
  const send = (payload: Buffer) => {
    const w = proto._packetRW.write;
    const packet = w.alloc(payload.length);
    packet.set(payload, w.allocStart);
    proto._authsQueue.push('publickey');
    sendPacket(proto, w.finalize(packet));
  };
  proto.authPK = (username, key, keyAlgo, cbSign) => {
    if (key !== certKey) return original(username, key, keyAlgo, cbSign);
    const signed = typeof keyAlgo === 'function' || typeof cbSign === 'function';
    const algos = algorithmsOf(certKey.type);
    const body = Buffer.concat([
      Buffer.from([50]),
      sshString(username),
      sshString('ssh-connection'),
      sshString('publickey'),
      Buffer.from([signed ? 1 : 0]),
      sshString(algos.keyAlgo),
      sshString(certKey.getPublicSSH()),
    ]);
    if (!signed) return send(body);
    const raw = certKey.sign(Buffer.concat([sshString(proto._kex.sessionID), body]), algos.hash);
    if (raw instanceof Error) throw raw;
    const signature = convertSignature(raw, algos.sigAlgo);
    if (signature === false) throw new Error('Error while converting the certificate signature');
    send(Buffer.concat([body, sshString(Buffer.concat([sshString(algos.sigAlgo), sshString(signature)]))]));
  };
}
