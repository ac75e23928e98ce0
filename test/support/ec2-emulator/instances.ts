// Instances as EC2 shows them: the filters DescribeInstances knows and the XML of one instance.

import { tagSet } from './context.js';
import type { FilterTable } from './filters.js';
import { INSTANCE_STATE_CODES, type Instance, type InstanceState } from './model.js';
import type { Store } from './store.js';

export const stateOf = (name: InstanceState) => ({ code: INSTANCE_STATE_CODES[name], name });

export const INSTANCE_FILTERS: FilterTable<Instance> = {
  'availability-zone': (i) => [i.availabilityZone],
  'client-token': (i) => [i.clientToken],
  'dns-name': (i) => [i.publicDns],
  'iam-instance-profile.arn': (i) => [i.iamInstanceProfile],
  'image-id': (i) => [i.imageId],
  'instance-id': (i) => [i.id],
  'instance-state-code': (i) => [INSTANCE_STATE_CODES[i.state]],
  'instance-state-name': (i) => [i.state],
  'instance-type': (i) => [i.instanceType],
  'instance.group-id': (i) => i.securityGroupIds,
  'ip-address': (i) => [i.publicIp],
  'key-name': (i) => [i.keyName],
  'owner-id': (i) => [i.ownerId],
  'private-dns-name': (i) => [i.privateDns],
  'private-ip-address': (i) => [i.privateIp],
  'reservation-id': (i) => [i.reservationId],
  'subnet-id': (i) => [i.subnetId],
  'vpc-id': (i) => [i.vpcId],
};

export function renderInstance(i: Instance, store: Store) {
  const running = i.state !== 'terminated' && i.state !== 'stopped' && i.state !== 'stopping' && i.state !== 'shutting-down';
  return {
    instanceId: i.id,
    imageId: i.imageId,
    instanceState: stateOf(i.state),
    privateDnsName: i.state === 'terminated' ? '' : i.privateDns,
    dnsName: running ? (i.publicDns ?? '') : '',
    keyName: i.keyName,
    amiLaunchIndex: 0,
    instanceType: i.instanceType,
    launchTime: i.launchTime,
    placement: { availabilityZone: i.availabilityZone, groupName: '', tenancy: 'default' },
    monitoring: { state: 'disabled' },
    subnetId: i.state === 'terminated' ? undefined : i.subnetId,
    vpcId: i.state === 'terminated' ? undefined : i.vpcId,
    privateIpAddress: i.state === 'terminated' ? undefined : i.privateIp,
    ipAddress: running ? i.publicIp : undefined,
    sourceDestCheck: true,
    groupSet: i.securityGroupIds.map((groupId) => {
      const g = store.get(groupId);
      return { groupId, groupName: g?.kind === 'security-group' ? g.name : undefined };
    }),
    architecture: i.architecture,
    rootDeviceType: i.rootDeviceType,
    rootDeviceName: i.rootDeviceName,
    blockDeviceMapping: [...i.volumes].map(([deviceName, volumeId]) => {
      const v = store.get(volumeId);
      const a = v?.kind === 'volume' ? v.attachment : undefined;
      return { deviceName, ebs: { volumeId, status: 'attached', attachTime: a?.attachTime ?? i.launchTime, deleteOnTermination: a?.deleteOnTermination ?? true } };
    }),
    virtualizationType: i.virtualizationType,
    clientToken: i.clientToken,
    tagSet: tagSet(i.tags),
    hypervisor: 'xen',
    iamInstanceProfile: i.iamInstanceProfile ? { arn: i.iamInstanceProfile, id: 'AIPAEMULATOR' } : undefined,
    ebsOptimized: i.ebsOptimized,
    enaSupport: i.enaSupport,
  };
}
