// What an action handler gets: the request's parameters, the caller, the state, and the settings tests change.

import type { Scheduler } from '../emulator-scheduler.js';
import type { Caller } from './auth.js';
import type { Identity } from './identity.js';
import type { Params } from './query.js';
import type { Store } from './store.js';
import type { XmlValue } from './xml.js';

/** How long state changes take, in milliseconds. */
export interface Delays {
  /** pending -> running */
  instanceRunning: number;
  /** stopping -> stopped */
  instanceStopped: number;
  /** shutting-down -> terminated */
  instanceTerminated: number;
  /** image pending -> available */
  imageAvailable: number;
  /** snapshot pending -> completed */
  snapshotCompleted: number;
}

/** The addresses a running instance gets (a real sshd on loopback stands in for the machine). */
export interface InstanceAddresses {
  publicIp?: string;
  publicDns?: string;
  privateIp: string;
  privateDns: string;
}

export interface Settings {
  regions: string[];
  delays: Delays;
  addresses: InstanceAddresses;
  /** Instance types RunInstances accepts. */
  instanceTypes: string[];
  /** An sshd's authorized_keys file: the public key of the key pair an instance is launched with is appended to it. */
  authorizedKeysFile?: string;
}

export type { Scheduler };

export interface ActionContext {
  params: Params;
  caller: Caller;
  store: Store;
  settings: Settings;
  scheduler: Scheduler;
  identity: Identity;
  requestId: string;
}

/** An action's answer: the elements under `<ActionResponse>` after `<requestId>`. */
export type Action = (ctx: ActionContext) => Record<string, XmlValue>;

export function tagSet(tags: ReadonlyMap<string, string>): XmlValue {
  return tags.size === 0 ? undefined : [...tags].map(([key, value]) => ({ key, value }));
}
