// A Compute Engine emulator on loopback for tests: the real @google-cloud/compute clients talk to it over HTTP
// with Compute's REST API (JSON, zone and global operations with wait), authenticated with service-account
// credentials whose token_uri points at the emulator's OAuth endpoint. Tests seed images, inject faults (429,
// 5xx, operations that end in error), slow instance states down, and ask at the end what is left. With
// authorizedKeysFile, a real sshd stands in for every instance: the `ssh-keys` of its metadata go into that file.

import type { AddressInfo } from 'node:net';
import type { FaultRule, Faults } from '../ec2-emulator/faults.js';
import { Holds, type HoldRule } from '../emulator-holds.js';
import { Compute, type Delays, type OperationFault } from './compute.js';
import type { GceImage, GceInstance, GceResource } from './model.js';
import { credentialsFile, makeServiceAccount, type ServiceAccount } from './oauth.js';
import { OsLogin } from './oslogin.js';
import { createGceServer, gceFaults, type CallRecord } from './server.js';

export type { CallRecord } from './server.js';
export type { Delays, OperationFault } from './compute.js';
export type { FaultRule };

export interface GceEmulatorOptions {
  /** The project of the default service account (`tsbuild-test`). */
  project?: string;
  delays?: Partial<Delays>;
  /** The address instances report (natIP and networkIP): 127.0.0.1, where the test sshd listens. */
  address?: string;
  authorizedKeysFile?: string;
}

export interface SeedImage {
  name: string;
  project: string;
  family?: string;
  /** ISO time; now unless given. */
  creationTimestamp?: string;
  deprecated?: boolean;
  guestOsFeatures?: string[];
}

export interface GceEmulator {
  /** `http://127.0.0.1:<port>`: custom_endpoints { compute = ... } takes `${endpoint}/compute/v1/`. */
  endpoint: string;
  tokenUri: string;
  project: string;
  /** The default service account's credentials file (JSON text). */
  credentialsJson: string;
  /** Another account's credentials, of `project`. */
  addAccount(email: string, project: string): string;
  /** Lets `caller` make tokens of `target` (the Service Account Token Creator role). */
  allowImpersonation(caller: string, target: string): void;
  /** Credentials of the default account signed with a key the emulator does not know. */
  forgedCredentialsJson(): string;
  faults: Faults;
  /** OS Login's profiles (the same loopback server answers /v1/users/...: custom_endpoints { oslogin = endpoint }). */
  osLogin: OsLogin;
  /** Answers of a method held a while after the call did its work; `held()`: how many are waiting. */
  holds: { add(rule: HoldRule): void; held(): number };
  calls: CallRecord[];
  /** Operations of `operationType` (insert, delete, stop...) end with this error instead of their work. */
  failOperations(fault: OperationFault): void;
  setDelays(delays: Partial<Delays>): void;
  seedImage(spec: SeedImage): GceImage;
  image(project: string, name: string): GceImage | undefined;
  instances(): GceInstance[];
  /** The guest's answer to a startup script: a metadata key the instance sets itself. */
  setGuestMetadata(zone: string, instance: string, key: string, value: string): void;
  /** Everything made through the API, deleted or not. */
  made(): GceResource[];
  /** What the API made that still exists: "kind name", and keys left in OS Login profiles. */
  leftovers(): string[];
  close(): Promise<void>;
}

const DEFAULT_DELAYS: Delays = { operation: 50, instanceState: 50, imageReady: 50 };

export async function startGceEmulator(options: GceEmulatorOptions = {}): Promise<GceEmulator> {
  const project = options.project ?? 'tsbuild-test';
  const accounts = new Map<string, ServiceAccount>();
  const main = makeServiceAccount(`packer@${project}.iam.gserviceaccount.com`, project);
  accounts.set(main.email, main);
  let port = 0;
  const endpointOf = () => `http://127.0.0.1:${port}`;
  const delays = { ...DEFAULT_DELAYS, ...options.delays };
  const addr = options.address ?? '127.0.0.1';
  const state = {
    compute: undefined as unknown as Compute,
    accounts,
    tokens: new Map<string, string>(),
    faults: gceFaults(),
    calls: [] as CallRecord[],
    addresses: { natIP: addr, networkIP: addr },
    waitMs: 2000,
    tokenUri: () => `${endpointOf()}/token`,
    impersonators: new Map<string, Set<string>>(),
    osLogin: new OsLogin(),
    holds: new Holds(),
  };
  const server = createGceServer(state);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
  const compute = new Compute(endpointOf(), delays, options.authorizedKeysFile);
  state.compute = compute;
  compute.osLoginKeys = () => state.osLogin.activeKeys();
  const json = (a: ServiceAccount) => JSON.stringify(credentialsFile(a, state.tokenUri()), null, 2);
  return {
    endpoint: endpointOf(),
    tokenUri: state.tokenUri(),
    project,
    credentialsJson: json(main),
    addAccount: (email, p) => {
      const a = makeServiceAccount(email, p);
      accounts.set(email, a);
      return json(a);
    },
    allowImpersonation: (caller, target) => {
      if (!state.impersonators.has(target)) state.impersonators.set(target, new Set());
      state.impersonators.get(target)!.add(caller);
    },
    forgedCredentialsJson: () => json({ ...makeServiceAccount(main.email, project), privateKeyId: main.privateKeyId }),
    faults: state.faults,
    osLogin: state.osLogin,
    holds: state.holds,
    calls: state.calls,
    failOperations: (f) => compute.operationFaults.push({ ...f, remaining: f.times ?? 1 }),
    setDelays: (d) => Object.assign(delays, d),
    seedImage: (spec) =>
      compute.addImage(
        spec.project,
        {
          name: spec.name,
          family: spec.family,
          creationTimestamp: spec.creationTimestamp ?? new Date().toISOString(),
          ...(spec.deprecated ? { deprecated: { state: 'DEPRECATED' } } : {}),
          guestOsFeatures: (spec.guestOsFeatures ?? ['VIRTIO_SCSI_MULTIQUEUE']).map((type) => ({ type })),
        },
        true,
        'READY',
      ),
    image: (p, name) => compute.images.get(`${p}/global/${name}`),
    instances: () => [...compute.instances.values()],
    setGuestMetadata: (zone, instance, key, value) => compute.setGuestMetadata(project, zone, instance, key, value),
    made: () => [...compute.history],
    leftovers: () => {
      const live = [...compute.instances.values(), ...compute.disks.values(), ...[...compute.images.values()].filter((i) => !i.seeded)];
      return [...live.map((r) => `${r.kind.replace('compute#', '')} ${r.name}`), ...state.osLogin.leftovers()];
    },
    close: async () => {
      compute.stopTimers();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
