// What every route finds on its context: the store, and the caller as the token proved it.

import type { TokenScope } from '../api/types.js';
import type { Store } from '../store/store.js';
import type { LookupCache } from './lookup-cache.js';
import type { TokenCache } from './token-cache.js';

export interface Caller {
  scope: TokenScope;
  /** Recorded as the author of every change the caller makes: `token:<id>`. */
  author: string;
}

export interface RegistryEnv {
  Variables: { store: Store; tokens: TokenCache; lookups: LookupCache; caller: Caller };
}

export function canWrite(caller: Caller): boolean {
  return caller.scope === 'write' || caller.scope === 'admin';
}

export function isAdmin(caller: Caller): boolean {
  return caller.scope === 'admin';
}

