// CreateFleet of type instant, as spot builds use it (Packer 1.6.6 with spot_price, current Packer too): the
// instances are launched at once from the launch template's data with the first override's instance type, subnet
// and zone, as RunInstances would launch them (the key pair authorized the same way), and answered in
// fleetInstanceSet. Other fleet types, which keep capacity over time, are refused.

import { Ec2Error, invalidParameter } from '../errors.js';
import type { Action } from '../context.js';
import { intParam, structParams } from '../query.js';
import { withAuthorizedKey } from './authorized-keys.js';
import { runInstances } from './instances.js';
import { findLaunchTemplate } from './launch-templates.js';
import { LAUNCH_OPTIONALS, withoutEmpty } from './launch-params.js';

const launch = withoutEmpty(LAUNCH_OPTIONALS, withAuthorizedKey(runInstances));

/** A launch template's data as RunInstances parameters (a network interface's subnet and groups as the instance's). */
function launchParams(data: ReadonlyMap<string, string>): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of data) {
    const nic = /^NetworkInterface\.1\.(SubnetId|SecurityGroupId\.\d+)$/.exec(k);
    if (nic) out.set(nic[1]!, v);
    else if (!k.startsWith('NetworkInterface.') && !k.startsWith('InstanceMarketOptions.')) out.set(k, v);
  }
  return out;
}

export const createFleet: Action = (ctx) => {
  const { params } = ctx;
  if (params.get('Type') !== 'instant') throw invalidParameter('The emulator only answers fleets of type instant.');
  const config = structParams(params, 'LaunchTemplateConfigs')[0];
  if (!config) throw new Ec2Error('MissingParameter', 'The request must contain the parameter LaunchTemplateConfigs');
  const specification = findLaunchTemplate({ ...ctx, params: config }, 'LaunchTemplateSpecification.');
  const wanted = config.get('LaunchTemplateSpecification.Version') ?? '$Default';
  const number = wanted === '$Latest' ? specification.versions.length : wanted === '$Default' ? specification.defaultVersion : Number(wanted);
  const version = specification.versions.find((v) => v.versionNumber === number);
  if (!version) throw invalidParameter(`The launch template version ${wanted} does not exist.`);
  const override = structParams(config, 'Overrides')[0] ?? new Map<string, string>();
  const capacity = intParam(params, 'TargetCapacitySpecification.TotalTargetCapacity') ?? 1;
  const run = launchParams(version.data);
  for (const [from, to] of [['InstanceType', 'InstanceType'], ['SubnetId', 'SubnetId'], ['AvailabilityZone', 'Placement.AvailabilityZone']] as const) {
    const v = override.get(from);
    if (v) run.set(to, v);
  }
  run.set('MinCount', String(capacity));
  run.set('MaxCount', String(capacity));
  // The fleet's own instance tags join the template's.
  const templateSpecs = structParams(run, 'TagSpecification').length;
  structParams(params, 'TagSpecification')
    .filter((s) => s.get('ResourceType') === 'instance')
    .forEach((spec, i) => {
      for (const [k, v] of spec) run.set(`TagSpecification.${templateSpecs + i + 1}.${k}`, v);
    });
  const result = launch({ ...ctx, params: run }) as { instancesSet: { instanceId: string; instanceType: string }[] };
  const instances = result.instancesSet;
  const fleetId = `fleet-${ctx.store.newId('x').slice(2)}`;
  // EC2 tags what it launches from a template (and a fleet) so: how a launch cut off before its answer is found.
  for (const { instanceId } of instances) {
    const instance = ctx.store.get(instanceId);
    if (instance?.kind !== 'instance') continue;
    instance.tags.set('aws:ec2launchtemplate:id', specification.id);
    instance.tags.set('aws:ec2launchtemplate:version', String(version.versionNumber));
    instance.tags.set('aws:ec2:fleet-id', fleetId);
  }
  return {
    fleetId,
    errorSet: [],
    fleetInstanceSet: [
      {
        launchTemplateAndOverrides: {
          launchTemplateSpecification: { launchTemplateId: specification.id, version: String(version.versionNumber) },
          overrides: { instanceType: run.get('InstanceType'), subnetId: override.get('SubnetId'), availabilityZone: override.get('AvailabilityZone') },
        },
        lifecycle: params.get('TargetCapacitySpecification.DefaultTargetCapacityType') === 'on-demand' ? 'on-demand' : 'spot',
        instanceIds: instances.map((i) => i.instanceId),
        instanceType: instances[0]?.instanceType,
      },
    ],
  };
};
