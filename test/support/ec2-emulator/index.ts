// An EC2 (and STS) emulator on loopback for tests: the real SDK clients talk to it over HTTP with the EC2 Query
// protocol. Tests seed images and security groups, inject faults (throttling, 5xx, and instances that are never
// reachable: makeUnreachable), slow state changes down, and ask at the end what is left. With authorizedKeysFile, a
// real sshd stands in for every instance: the key pair an instance is launched with is appended to that file.

import type { AddressInfo } from 'node:net';
import { EmulatorScheduler } from '../emulator-scheduler.js';
import type { AccessKey } from './auth.js';
import type { Delays, InstanceAddresses, Settings } from './context.js';
import { Faults } from './faults.js';
import { Identity, type Role } from './identity.js';
import type { Image, Resource, SecurityGroup } from './model.js';
import { seedImage, seedSecurityGroup, type SeedImage, type SeedSecurityGroup } from './seed.js';
import { createEmulatorServer, type CallRecord } from './server.js';
import { Store } from './store.js';

export type { CallRecord } from './server.js';
export type { FaultRule } from './faults.js';
export type { SeedImage, SeedSecurityGroup } from './seed.js';
export type { Delays } from './context.js';

export interface Ec2EmulatorOptions {
  /** Access keys and their accounts; one key, AKIDEMULATOR of account 111122223333, unless given. */
  keys?: Record<string, AccessKey>;
  /** Roles AssumeRole accepts, by ARN. */
  roles?: Record<string, Role>;
  /** Regions that answer; us-east-1, us-west-2 and eu-west-1 unless given. The first is where images are seeded. */
  regions?: string[];
  delays?: Partial<Delays>;
  addresses?: Partial<InstanceAddresses>;
  instanceTypes?: string[];
  /** An sshd's authorized_keys file: launching an instance with a key pair appends the key pair's public key to it. */
  authorizedKeysFile?: string;
}

export interface Ec2Emulator {
  /** `http://127.0.0.1:<port>`: custom_endpoint_ec2, and AWS_ENDPOINT_URL_STS for STS. */
  endpoint: string;
  /** The first access key's account. */
  account: string;
  faults: Faults;
  /** Every request answered, in order. */
  calls: CallRecord[];
  identity: Identity;
  setDelays(delays: Partial<Delays>): void;
  seedImage(spec: SeedImage): Image;
  seedSecurityGroup(spec: SeedSecurityGroup): SecurityGroup;
  /**
   * Fault "instance never reachable": instances launched from now on get addresses nothing listens on (127.0.0.3 and
   * 127.0.0.4, which the test sshd, listening on 127.0.0.1 only, does not answer); they still run, image and
   * terminate normally. makeReachable() gives later launches the usual addresses again.
   */
  makeUnreachable(): void;
  makeReachable(): void;
  /** Makes every state change under way happen now (an instance terminating is terminated): for a test that waited for something to happen meanwhile. */
  finishStateChanges(): void;
  /** Every resource that exists now (terminated instances included, as EC2 lists them). */
  resources(): Resource[];
  /** Every resource made through the API, deleted ones included (with the tags they had last), in order. */
  made(): Resource[];
  /** Resources made through the API that still exist (terminated instances do not count): "kind id (name)". */
  leftovers(): string[];
  close(): Promise<void>;
}

const DEFAULT_DELAYS: Delays = { instanceRunning: 100, instanceStopped: 100, instanceTerminated: 100, imageAvailable: 200, snapshotCompleted: 100 };
const DEFAULT_TYPES = ['t2.nano', 't2.micro', 't2.small', 't3.micro', 't3.small', 'm5.large', 'c5.large', 'm1.small'];

export async function startEc2Emulator(options: Ec2EmulatorOptions = {}): Promise<Ec2Emulator> {
  const identity = new Identity();
  for (const [id, key] of Object.entries(options.keys ?? { AKIDEMULATOR: { account: '111122223333' } })) identity.keys.set(id, key);
  for (const [arn, role] of Object.entries(options.roles ?? {})) identity.roles.set(arn, role);
  const settings: Settings = {
    regions: options.regions ?? ['us-east-1', 'us-west-2', 'eu-west-1'],
    delays: { ...DEFAULT_DELAYS, ...options.delays },
    addresses: { privateIp: '127.0.0.1', privateDns: 'localhost', publicIp: '127.0.0.1', publicDns: 'localhost', ...options.addresses },
    instanceTypes: options.instanceTypes ?? DEFAULT_TYPES,
    authorizedKeysFile: options.authorizedKeysFile,
  };
  const reachable = { ...settings.addresses };
  const scheduler = new EmulatorScheduler();
  const store = new Store();
  const faults = new Faults();
  const calls: CallRecord[] = [];
  const server = createEmulatorServer({ store, settings, scheduler, identity, faults, calls });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const account = identity.keys.values().next().value?.account ?? '111122223333';
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    account,
    faults,
    calls,
    identity,
    setDelays: (d) => Object.assign(settings.delays, d),
    seedImage: (spec) => seedImage(store, spec, { region: settings.regions[0]!, ownerId: account }),
    seedSecurityGroup: (spec) => seedSecurityGroup(store, spec, { region: settings.regions[0]!, ownerId: account }),
    makeUnreachable: () => {
      settings.addresses = { privateIp: '127.0.0.3', privateDns: '127.0.0.3', publicIp: '127.0.0.4', publicDns: '127.0.0.4' };
    },
    finishStateChanges: () => scheduler.finishAll(),
    makeReachable: () => {
      settings.addresses = { ...reachable };
    },
    resources: () => [...store.resources.values()],
    made: () => store.history.filter((r) => !r.seeded),
    leftovers: () =>
      [...store.resources.values()]
        .filter((r) => !r.seeded && !(r.kind === 'instance' && r.state === 'terminated'))
        .map((r) => `${r.kind} ${r.id}${'name' in r ? ` (${r.name})` : ''}`),
    close: async () => {
      scheduler.stop();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
