// An SSM and Secrets Manager emulator on loopback for tests: the real SDK clients talk to it over HTTP with the
// AWS JSON 1.1 protocol (AWS_ENDPOINT_URL_SSM, AWS_ENDPOINT_URL_SECRETS_MANAGER). Tests store parameters and
// secrets, deny some to the caller, inject faults (throttling, 5xx) and read the calls made.

import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { AccessKey } from '../ec2-emulator/auth.js';
import { Faults } from '../ec2-emulator/faults.js';
import { knownJsonError } from './errors.js';
import type { StoredSecret } from './secrets-manager.js';
import { createJsonEmulatorServer, type JsonCallRecord } from './server.js';
import type { StoredParameter } from './ssm.js';

export type { JsonCallRecord } from './server.js';

export interface SecretSpec {
  string?: string;
  binary?: Buffer;
  /** The version's id (a UUID unless given) and staging labels (AWSCURRENT unless given). */
  versionId?: string;
  stages?: string[];
}

export interface AwsJsonEmulator {
  endpoint: string;
  /** The first access key's account. */
  account: string;
  faults: Faults;
  calls: JsonCallRecord[];
  /** Names of parameters and secrets the caller may not read. */
  denied: Set<string>;
  putParameter(name: string, value: string, type?: StoredParameter['type'], version?: number): StoredParameter;
  /** Adds a version to the secret (made when new); returns the version's id. */
  putSecret(name: string, spec: SecretSpec): string;
  deleteSecret(name: string): void;
  close(): Promise<void>;
}

export async function startAwsJsonEmulator(options: { keys?: Record<string, AccessKey>; region?: string } = {}): Promise<AwsJsonEmulator> {
  const keys = new Map(Object.entries(options.keys ?? { AKIDEMULATOR: { account: '111122223333' } }));
  const account = keys.values().next().value?.account ?? '111122223333';
  const region = options.region ?? 'us-east-1';
  const denied = new Set<string>();
  const parameters = new Map<string, StoredParameter>();
  const secrets = new Map<string, StoredSecret>();
  const faults = new Faults(knownJsonError);
  const calls: JsonCallRecord[] = [];
  const server = createJsonEmulatorServer({ keys, ssm: { parameters, denied }, secrets: { secrets, denied }, faults, calls });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    account,
    faults,
    calls,
    denied,
    putParameter(name, value, type = 'String', version = 1) {
      const p = { name, type, value, version };
      parameters.set(name, p);
      return p;
    },
    putSecret(name, spec) {
      const secret = secrets.get(name) ?? { name, arn: `arn:aws:secretsmanager:${region}:${account}:secret:${name}-AbCdEf`, versions: [] };
      secrets.set(name, secret);
      const stages = spec.stages ?? ['AWSCURRENT'];
      for (const v of secret.versions) v.stages = v.stages.filter((s) => !stages.includes(s));
      const id = spec.versionId ?? randomUUID();
      secret.versions.push({ id, string: spec.string, binary: spec.binary, stages });
      return id;
    },
    deleteSecret(name) {
      const s = secrets.get(name);
      if (s) s.deleted = true;
    },
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
