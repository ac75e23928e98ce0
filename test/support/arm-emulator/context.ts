// What the ARM emulator's routes share.

import type { Faults } from '../ec2-emulator/faults.js';
import type { Scheduler } from '../emulator-scheduler.js';
import type { Auth } from './auth.js';
import type { Store } from './store.js';

/** How long each long-running operation stays InProgress (ms), by operation name (`VirtualMachines_CreateOrUpdate`); `default` for the others. */
export type Delays = Record<string, number> & { default: number };

export interface Settings {
  subscriptionId: string;
  delays: Delays;
  /** The address public IPs and NICs get: where the test sshd listens. */
  publicIp: string;
  privateIp: string;
  /** An sshd's authorized_keys: each VM's osProfile SSH public keys are appended to it. */
  authorizedKeysFile?: string;
  /** Marketplace images: `publisher/offer/sku` (lower case) -> versions, oldest first. */
  marketplace: Map<string, string[]>;
}

export type { Scheduler };

export interface CallRecord {
  method: string;
  /** The path without its query. */
  path: string;
  /** ARM's operation id: `VirtualMachines_CreateOrUpdate`, `ResourceGroups_Delete`, `Token`, `Operation_Poll`. */
  operation: string;
  status: number;
  errorCode?: string;
}

export interface Context {
  store: Store;
  auth: Auth;
  settings: Settings;
  scheduler: Scheduler;
  /** Errors answered instead of the real answer (429, 5xx, quota). */
  faults: Faults;
  /** Long-running operations that start normally and end Failed with the rule's error. */
  operationFaults: Faults;
  calls: CallRecord[];
}
