// What the ARM emulator holds: resources by ID (ARM IDs are case-insensitive), every one made (for a test to ask
// what a run made), and the long-running operations under way.

export interface ArmResource {
  id: string;
  /** `Microsoft.Compute/virtualMachines`, `Microsoft.Resources/resourceGroups`, `Microsoft.Compute/galleries/images/versions`. */
  type: string;
  name: string;
  resourceGroup: string;
  location: string;
  tags: Record<string, string>;
  properties: Record<string, unknown>;
  /** Put there by the test (a gallery, a source image), not by the code under test. */
  seeded: boolean;
  /** Top-level fields besides those (`sku`, `priority` lives in properties). */
  extra: Record<string, unknown>;
}

export type OperationStatus = 'InProgress' | 'Succeeded' | 'Failed' | 'Canceled';

export interface Operation {
  id: string;
  name: string;
  status: OperationStatus;
  error?: { code: string; message: string };
  started: string;
}

export class Store {
  readonly resources = new Map<string, ArmResource>();
  readonly history: ArmResource[] = [];
  readonly operations = new Map<string, Operation>();

  get(id: string): ArmResource | undefined {
    return this.resources.get(id.toLowerCase());
  }

  put(r: ArmResource): void {
    const key = r.id.toLowerCase();
    if (!this.resources.has(key)) this.history.push(r);
    else this.history[this.history.findIndex((h) => h.id.toLowerCase() === key)] = r;
    this.resources.set(key, r);
  }

  delete(id: string): boolean {
    return this.resources.delete(id.toLowerCase());
  }

  /** The resources of a resource group (not the group itself). */
  inGroup(subscription: string, rg: string): ArmResource[] {
    const prefix = `/subscriptions/${subscription}/resourcegroups/${rg}/`.toLowerCase();
    return [...this.resources.values()].filter((r) => r.id.toLowerCase().startsWith(prefix));
  }
}
