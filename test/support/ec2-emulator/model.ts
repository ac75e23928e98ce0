// The emulated resources. Each belongs to a region and an owning account, and carries its tags; `seeded` marks
// what a test put there (source images and their snapshots), which is not counted as left behind.

export type Tags = Map<string, string>;

export interface BlockDevice {
  deviceName: string;
  snapshotId?: string;
  volumeSize: number;
  volumeType: string;
  deleteOnTermination: boolean;
  encrypted: boolean;
  kmsKeyId?: string;
}

export interface Image {
  kind: 'image';
  id: string;
  region: string;
  ownerId: string;
  ownerAlias?: string;
  name: string;
  description?: string;
  state: 'pending' | 'available' | 'failed';
  isPublic: boolean;
  /** Accounts allowed to launch it besides the owner. */
  launchPermissions: Set<string>;
  /** AWS Organizations allowed to launch it. */
  launchOrganizations?: Set<string>;
  creationDate: string;
  architecture: string;
  imageType: string;
  platform?: string;
  rootDeviceType: 'ebs' | 'instance-store';
  rootDeviceName: string;
  virtualizationType: 'hvm' | 'paravirtual';
  hypervisor: string;
  enaSupport: boolean;
  sriovNetSupport?: string;
  bootMode?: string;
  deprecationTime?: string;
  sourceInstanceId?: string;
  blockDevices: BlockDevice[];
  tags: Tags;
  seeded: boolean;
}

export interface Snapshot {
  kind: 'snapshot';
  id: string;
  region: string;
  ownerId: string;
  volumeId: string;
  state: 'pending' | 'completed' | 'error';
  volumeSize: number;
  startTime: string;
  description: string;
  encrypted: boolean;
  kmsKeyId?: string;
  /** Accounts allowed to create volumes from it besides the owner (ModifySnapshotAttribute). */
  createVolumePermissions?: Set<string>;
  /** Shared with group `all`. */
  isPublic?: boolean;
  tags: Tags;
  seeded: boolean;
}

export interface Volume {
  kind: 'volume';
  id: string;
  region: string;
  ownerId: string;
  size: number;
  volumeType: string;
  snapshotId?: string;
  availabilityZone: string;
  state: 'creating' | 'available' | 'in-use' | 'deleting';
  encrypted: boolean;
  createTime: string;
  attachment?: { instanceId: string; device: string; deleteOnTermination: boolean; attachTime: string };
  tags: Tags;
  seeded: boolean;
}

export type InstanceState = 'pending' | 'running' | 'shutting-down' | 'terminated' | 'stopping' | 'stopped';

export const INSTANCE_STATE_CODES: Readonly<Record<InstanceState, number>> = {
  pending: 0,
  running: 16,
  'shutting-down': 32,
  terminated: 48,
  stopping: 64,
  stopped: 80,
};

export interface Instance {
  kind: 'instance';
  id: string;
  region: string;
  ownerId: string;
  reservationId: string;
  imageId: string;
  instanceType: string;
  state: InstanceState;
  launchTime: string;
  availabilityZone: string;
  keyName?: string;
  securityGroupIds: string[];
  subnetId: string;
  vpcId: string;
  privateIp: string;
  publicIp?: string;
  privateDns: string;
  publicDns?: string;
  architecture: string;
  rootDeviceName: string;
  rootDeviceType: string;
  virtualizationType: string;
  ebsOptimized: boolean;
  enaSupport: boolean;
  /** `simple` once ModifyInstanceAttribute turned SR-IOV on. */
  sriovNetSupport?: string;
  iamInstanceProfile?: string;
  userData?: string;
  clientToken?: string;
  /** Device name to volume ID. */
  volumes: Map<string, string>;
  tags: Tags;
  seeded: boolean;
}

export interface KeyPair {
  kind: 'key-pair';
  id: string;
  region: string;
  ownerId: string;
  name: string;
  keyType: 'rsa' | 'ed25519';
  fingerprint: string;
  /** OpenSSH's one-line public key, for an sshd standing in for the instance. */
  publicKey: string;
  createTime: string;
  tags: Tags;
  seeded: boolean;
}

export interface IngressRule {
  ipProtocol: string;
  fromPort?: number;
  toPort?: number;
  cidrs: string[];
}

export interface SecurityGroup {
  kind: 'security-group';
  id: string;
  region: string;
  ownerId: string;
  name: string;
  description: string;
  vpcId: string;
  ingress: IngressRule[];
  tags: Tags;
  seeded: boolean;
}

export interface LaunchTemplateVersion {
  versionNumber: number;
  description?: string;
  /** `LaunchTemplateData.*` parameters without the prefix: RunInstances' own names (ImageId, KeyName, SecurityGroupId.1...). */
  data: Map<string, string>;
  createTime: string;
}

export interface LaunchTemplate {
  kind: 'launch-template';
  id: string;
  region: string;
  ownerId: string;
  name: string;
  versions: LaunchTemplateVersion[];
  defaultVersion: number;
  createTime: string;
  tags: Tags;
  seeded: boolean;
}

export type Resource = Image | Snapshot | Volume | Instance | KeyPair | SecurityGroup | LaunchTemplate;

/** EC2's resource type names (DescribeTags `resource-type`, TagSpecification.ResourceType). */
export const RESOURCE_TYPES: Readonly<Record<Resource['kind'], string>> = {
  image: 'image',
  snapshot: 'snapshot',
  volume: 'volume',
  instance: 'instance',
  'key-pair': 'key-pair',
  'security-group': 'security-group',
  'launch-template': 'launch-template',
};
