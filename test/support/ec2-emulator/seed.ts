// Images tests put in place before a run (the source AMIs a template looks up), with the snapshot behind each.

import type { Image, SecurityGroup, Snapshot } from './model.js';
import { DEFAULT_VPC_ID } from './network.js';
import type { Store } from './store.js';

export interface SeedImage {
  name: string;
  /** Defaults to the first region. */
  region?: string;
  /** Defaults to the account of the first access key. */
  ownerId?: string;
  /** `amazon`, `aws-marketplace`... */
  ownerAlias?: string;
  isPublic?: boolean;
  /** Accounts the image is shared with. */
  launchPermissions?: string[];
  /** ISO 8601; defaults to now. */
  creationDate?: string;
  description?: string;
  architecture?: string;
  platform?: string;
  rootDeviceType?: 'ebs' | 'instance-store';
  rootDeviceName?: string;
  virtualizationType?: 'hvm' | 'paravirtual';
  enaSupport?: boolean;
  state?: Image['state'];
  deprecationTime?: string;
  volumeSize?: number;
  tags?: Record<string, string>;
}

export function seedImage(store: Store, spec: SeedImage, defaults: { region: string; ownerId: string }): Image {
  const region = spec.region ?? defaults.region;
  const ownerId = spec.ownerId ?? defaults.ownerId;
  const rootDeviceName = spec.rootDeviceName ?? '/dev/xvda';
  const volumeSize = spec.volumeSize ?? 8;
  const creationDate = spec.creationDate ?? new Date().toISOString();
  const snapshot = store.add<Snapshot>({
    kind: 'snapshot',
    id: store.newId('snap'),
    region,
    ownerId,
    volumeId: 'vol-ffffffff',
    state: 'completed',
    volumeSize,
    startTime: creationDate,
    description: `Snapshot behind ${spec.name}`,
    encrypted: false,
    tags: new Map(),
    seeded: true,
  });
  return store.add<Image>({
    kind: 'image',
    id: store.newId('ami'),
    region,
    ownerId,
    ownerAlias: spec.ownerAlias,
    name: spec.name,
    description: spec.description,
    state: spec.state ?? 'available',
    isPublic: spec.isPublic ?? false,
    launchPermissions: new Set(spec.launchPermissions),
    creationDate,
    architecture: spec.architecture ?? 'x86_64',
    imageType: 'machine',
    platform: spec.platform,
    rootDeviceType: spec.rootDeviceType ?? 'ebs',
    rootDeviceName,
    virtualizationType: spec.virtualizationType ?? 'hvm',
    hypervisor: 'xen',
    enaSupport: spec.enaSupport ?? true,
    deprecationTime: spec.deprecationTime,
    blockDevices: [{ deviceName: rootDeviceName, snapshotId: snapshot.id, volumeSize, volumeType: 'gp2', deleteOnTermination: true, encrypted: false }],
    tags: new Map(Object.entries(spec.tags ?? {})),
    seeded: true,
  });
}

export interface SeedSecurityGroup {
  name: string;
  description?: string;
  /** Defaults to the first region. */
  region?: string;
  tags?: Record<string, string>;
  /** Ingress from anywhere on these TCP ports. */
  openPorts?: number[];
}

/** A security group of the account in the default VPC, there before the run (security_group_id / security_group_filter). */
export function seedSecurityGroup(store: Store, spec: SeedSecurityGroup, defaults: { region: string; ownerId: string }): SecurityGroup {
  return store.add<SecurityGroup>({
    kind: 'security-group',
    id: store.newId('sg'),
    region: spec.region ?? defaults.region,
    ownerId: defaults.ownerId,
    name: spec.name,
    description: spec.description ?? spec.name,
    vpcId: DEFAULT_VPC_ID,
    ingress: (spec.openPorts ?? []).map((port) => ({ ipProtocol: 'tcp', fromPort: port, toPort: port, cidrs: ['0.0.0.0/0'] })),
    tags: new Map(Object.entries(spec.tags ?? {})),
    seeded: true,
  });
}
