// Reads `terraform show -json` plan output: each planned resource's address and the string values of its attributes
// (nested blocks included), from `planned_values` (every module) and `resource_changes` (`change.after`; a resource
// only being deleted uses no image).

export interface PlannedResource {
  address: string;
  strings: Set<string>;
}

interface PlanModule {
  resources?: { address?: string; values?: unknown }[];
  child_modules?: PlanModule[];
}

interface Plan {
  planned_values?: { root_module?: PlanModule };
  resource_changes?: { address?: string; change?: { actions?: string[]; after?: unknown } }[];
}

/** The plan's resources, in address order; throws when the document is not a plan. */
export function readPlannedResources(doc: unknown): PlannedResource[] {
  if (doc === null || typeof doc !== 'object' || (!('planned_values' in doc) && !('resource_changes' in doc))) {
    throw new Error('not a Terraform plan: expected the output of `terraform show -json PLANFILE` (with planned_values or resource_changes)');
  }
  const plan = doc as Plan;
  const byAddress = new Map<string, Set<string>>();
  const add = (address: string | undefined, values: unknown) => {
    if (!address) return;
    const strings = byAddress.get(address) ?? new Set<string>();
    collectStrings(values, strings);
    byAddress.set(address, strings);
  };
  const walk = (m: PlanModule | undefined): void => {
    for (const r of m?.resources ?? []) add(r.address, r.values);
    for (const child of m?.child_modules ?? []) walk(child);
  };
  walk(plan.planned_values?.root_module);
  for (const rc of plan.resource_changes ?? []) {
    const actions = rc.change?.actions ?? [];
    if (actions.length === 1 && actions[0] === 'delete') continue;
    add(rc.address, rc.change?.after);
  }
  return [...byAddress].sort(([a], [b]) => a.localeCompare(b)).map(([address, strings]) => ({ address, strings }));
}

function collectStrings(value: unknown, into: Set<string>): void {
  if (typeof value === 'string') {
    if (value !== '') into.add(value);
  } else if (Array.isArray(value)) {
    for (const v of value) collectStrings(v, into);
  } else if (value !== null && typeof value === 'object') {
    for (const v of Object.values(value)) collectStrings(v, into);
  }
}

/** Image ids by their look (an AMI id, a docker image id), reported even when the registry does not know them. */
export const IMAGE_ID = /^(ami-[0-9a-f]{8,17}|sha256:[0-9a-f]{64})$/;
