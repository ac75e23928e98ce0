// The emulator's TLS certificate, made at test time with openssl: Azure's SDK sends bearer tokens over HTTPS only.
// The certificate is its own authority; a tsbuild process trusts it through NODE_EXTRA_CA_CERTS (read at start).

import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TestCertificate {
  dir: string;
  /** The certificate (PEM), to trust. */
  certFile: string;
  key: Buffer;
  cert: Buffer;
}

/** A self-signed certificate for 127.0.0.1 (as an IP subject alternative name, which hostname checks need). */
export function makeTestCertificate(): TestCertificate {
  const dir = mkdtempSync(join(tmpdir(), 'tsbuild-arm-tls-'));
  const keyFile = join(dir, 'key.pem');
  const certFile = join(dir, 'cert.pem');
  execFileSync(
    'openssl',
    ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', keyFile, '-out', certFile],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  return { dir, certFile, key: readFileSync(keyFile), cert: readFileSync(certFile) };
}
