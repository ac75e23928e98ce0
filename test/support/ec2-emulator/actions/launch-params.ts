// The Go SDK v1 sends optional parameters Packer leaves unset as empty strings (SubnetId="", VpcId="",
// Placement.AvailabilityZone=""...); EC2 takes an empty value as no value. Wrapped actions see such parameters
// absent. A launch into a subnet without a zone is placed in the subnet's zone.

import type { Action } from '../context.js';
import { defaultSubnets } from '../network.js';

export function withoutEmpty(names: readonly string[], action: Action): Action {
  return (ctx) => {
    const params = new Map(ctx.params);
    for (const n of names) if (params.get(n) === '') params.delete(n);
    const subnet = params.get('SubnetId');
    if (subnet !== undefined && !params.has('Placement.AvailabilityZone')) {
      const zone = defaultSubnets(ctx.caller.region, ctx.caller.account).find((s) => s.id === subnet)?.availabilityZone;
      if (zone) params.set('Placement.AvailabilityZone', zone);
    }
    return action({ ...ctx, params });
  };
}

/** RunInstances' optional parameters Packer 1.6.6 sends empty. */
export const LAUNCH_OPTIONALS = ['SubnetId', 'Placement.AvailabilityZone', 'IamInstanceProfile.Name', 'IamInstanceProfile.Arn', 'UserData', 'KeyName', 'PrivateIpAddress'];
