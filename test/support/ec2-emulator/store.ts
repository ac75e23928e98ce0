// The emulator's state: every resource by ID, ID generation as EC2 spells IDs, and the clock. Resources are
// deleted from the store when EC2 would stop listing them (a terminated instance stays, as in EC2, until the
// emulator closes).

import { randomBytes } from 'node:crypto';
import type { Resource } from './model.js';

export class Store {
  readonly resources = new Map<string, Resource>();
  /** Every resource ever added, deleted ones included, in order. */
  readonly history: Resource[] = [];

  newId(prefix: string): string {
    return `${prefix}-${randomBytes(9).toString('hex').slice(0, 17)}`;
  }

  add<R extends Resource>(r: R): R {
    this.resources.set(r.id, r);
    this.history.push(r);
    return r;
  }

  get(id: string): Resource | undefined {
    return this.resources.get(id);
  }

  delete(id: string): void {
    this.resources.delete(id);
  }

  /** The resources of one kind in `region`, in creation order. */
  list<K extends Resource['kind']>(kind: K, region: string): Extract<Resource, { kind: K }>[] {
    return [...this.resources.values()].filter((r): r is Extract<Resource, { kind: K }> => r.kind === kind && r.region === region);
  }
}

/** EC2's timestamp format: ISO 8601 with milliseconds, in UTC. */
export function nowIso(): string {
  return new Date().toISOString();
}
