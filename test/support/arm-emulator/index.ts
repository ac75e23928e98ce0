// An Azure Resource Manager emulator on loopback for tests, over HTTPS with a certificate made at test time (Azure's
// SDK sends bearer tokens over HTTPS only), with the Entra ID token endpoint its credentials use. The real
// @azure/identity and @azure/arm-* clients talk to it: a tsbuild process trusts the certificate through
// NODE_EXTRA_CA_CERTS=caFile and reaches the emulator through TSBUILD_AZURE_ENDPOINT=endpoint.
//
// Tests seed marketplace images, resource groups, managed images and galleries; inject faults (429 with
// Retry-After, 5xx, quota errors answered at once; long-running operations that end Failed; slow ones); and ask at
// the end what is left. With authorizedKeysFile, a real sshd stands in for every VM: the SSH public keys of a VM's
// osProfile are appended to that file, as the Azure Linux agent installs them; public IPs are 127.0.0.1.

import { rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { Faults } from '../ec2-emulator/faults.js';
import { EmulatorScheduler } from '../emulator-scheduler.js';
import { Auth } from './auth.js';
import { makeTestCertificate } from './cert.js';
import type { CallRecord, Delays, Settings } from './context.js';
import { knownArmError } from './errors.js';
import { createArmServer } from './server.js';
import { Store, type ArmResource } from './store.js';

export type { CallRecord, Delays } from './context.js';
export type { ArmResource } from './store.js';

export const TENANT_ID = '72f988bf-86f1-41af-91ab-2d7cd011db47';
export const SUBSCRIPTION_ID = '11111111-2222-3333-4444-555555555555';
export const CLIENT_ID = 'a1b2c3d4-0000-4000-8000-00000000c1d0';
export const CLIENT_SECRET = 'emulator-client-secret';

export interface ArmEmulatorOptions {
  delays?: Partial<Delays>;
  authorizedKeysFile?: string;
  /** The address public IPs get (127.0.0.1 unless given). */
  publicIp?: string;
}

export interface ArmEmulator {
  /** `https://127.0.0.1:<port>`: ARM and the token authority both. */
  endpoint: string;
  /** The certificate to trust (NODE_EXTRA_CA_CERTS). */
  caFile: string;
  tenantId: string;
  subscriptionId: string;
  clientId: string;
  clientSecret: string;
  /** Errors answered instead of the real answer, by ARM operation id (`VirtualMachines_CreateOrUpdate`) or all. */
  faults: Faults;
  /** Long-running operations that start and then end Failed with the rule's error. */
  operationFaults: Faults;
  calls: CallRecord[];
  setDelays(delays: Partial<Delays>): void;
  /** A marketplace image `publisher:offer:sku` with its versions. */
  seedMarketplaceImage(publisher: string, offer: string, sku: string, versions: string[]): void;
  /** A resource the test owns (a resource group, a gallery, an image definition): never counted as left over. */
  seedResource(spec: { id: string; location: string; properties?: Record<string, unknown>; tags?: Record<string, string> }): ArmResource;
  /** Registers another application (client id) with a secret, or a certificate (PEM) whose key signs its client assertions. */
  addClient(clientId: string, client: { secret?: string; certificate?: string }): void;
  /** A bearer token the ARM routes accept, as one got outside the token endpoint (`az login`, a managed identity) is. */
  mintToken(): string;
  /** Makes every operation under way finish now. */
  finishOperations(): void;
  resources(): ArmResource[];
  /** Every resource made through the API, in order, deleted ones too. */
  made(): ArmResource[];
  /** Resources made through the API that still exist: "type name". */
  leftovers(): string[];
  close(): Promise<void>;
}

const DEFAULT_DELAYS: Delays = { default: 100, VirtualMachines_CreateOrUpdate: 300 };

function parseId(id: string): { name: string; type: string; resourceGroup: string } {
  const m = /^\/subscriptions\/[^/]+\/resourceGroups\/([^/]+)(?:\/providers\/([^/]+)\/(.+))?$/i.exec(id);
  if (!m) throw new Error(`not an ARM resource id: ${id}`);
  if (!m[2]) return { name: m[1]!, type: 'Microsoft.Resources/resourceGroups', resourceGroup: m[1]! };
  const segments = m[3]!.split('/');
  return { name: segments[segments.length - 1]!, type: `${m[2]}/${segments.filter((_, i) => i % 2 === 0).join('/')}`, resourceGroup: m[1]! };
}

export async function startArmEmulator(options: ArmEmulatorOptions = {}): Promise<ArmEmulator> {
  const cert = makeTestCertificate();
  const auth = new Auth(TENANT_ID);
  auth.clients.set(CLIENT_ID, { secret: CLIENT_SECRET });
  const settings: Settings = {
    subscriptionId: SUBSCRIPTION_ID,
    delays: { ...DEFAULT_DELAYS, ...options.delays } as Delays,
    publicIp: options.publicIp ?? '127.0.0.1',
    privateIp: '127.0.0.1',
    authorizedKeysFile: options.authorizedKeysFile,
    marketplace: new Map(),
  };
  const scheduler = new EmulatorScheduler();
  const store = new Store();
  const faults = new Faults(knownArmError);
  const operationFaults = new Faults(knownArmError);
  const calls: CallRecord[] = [];
  const server = createArmServer({ store, auth, settings, scheduler, faults, operationFaults, calls }, cert);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    endpoint: `https://127.0.0.1:${(server.address() as AddressInfo).port}`,
    caFile: cert.certFile,
    tenantId: TENANT_ID,
    subscriptionId: SUBSCRIPTION_ID,
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    faults,
    operationFaults,
    calls,
    setDelays: (d) => Object.assign(settings.delays, d),
    seedMarketplaceImage: (publisher, offer, sku, versions) => settings.marketplace.set(`${publisher}/${offer}/${sku}`.toLowerCase(), versions),
    seedResource: (spec) => {
      const r: ArmResource = { ...parseId(spec.id), id: spec.id, location: spec.location, tags: spec.tags ?? {}, properties: { provisioningState: 'Succeeded', ...spec.properties }, seeded: true, extra: {} };
      store.put(r);
      return r;
    },
    addClient: (id, client) => auth.clients.set(id, client),
    mintToken: () => auth.mint(),
    finishOperations: () => scheduler.finishAll(),
    resources: () => [...store.resources.values()],
    made: () => store.history.filter((r) => !r.seeded),
    leftovers: () => [...store.resources.values()].filter((r) => !r.seeded).map((r) => `${r.type} ${r.name}`),
    close: async () => {
      scheduler.stop();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      rmSync(cert.dir, { recursive: true, force: true });
    },
  };
}
