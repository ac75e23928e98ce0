// What the emulator keeps: images, instances, disks and operations, as Compute Engine's JSON shows them (a
// resource is answered as it is stored, with selfLink and the rest), plus the history of what was made.

export interface GceImage {
  kind: 'compute#image';
  id: string;
  name: string;
  project: string;
  selfLink: string;
  status: 'PENDING' | 'READY' | 'FAILED';
  family?: string;
  description?: string;
  labels?: Record<string, string>;
  licenses?: string[];
  storageLocations?: string[];
  guestOsFeatures?: { type: string }[];
  imageEncryptionKey?: Record<string, string>;
  sourceDisk?: string;
  sourceImage?: string;
  diskSizeGb: string;
  creationTimestamp: string;
  deprecated?: { state: string };
  seeded?: boolean;
}

export interface GceDisk {
  kind: 'compute#disk';
  id: string;
  name: string;
  project: string;
  zone: string;
  selfLink: string;
  sizeGb: string;
  type: string;
  sourceImage: string;
  status: 'CREATING' | 'READY' | 'DELETING';
  users: string[];
  labels?: Record<string, string>;
}

export interface GceInstance {
  kind: 'compute#instance';
  id: string;
  name: string;
  project: string;
  zone: string;
  selfLink: string;
  machineType: string;
  status: 'PROVISIONING' | 'STAGING' | 'RUNNING' | 'STOPPING' | 'TERMINATED';
  metadata: { fingerprint: string; items: { key: string; value: string }[] };
  disks: { boot: boolean; autoDelete: boolean; source: string; deviceName: string }[];
  networkInterfaces: { network: string; subnetwork?: string; networkIP: string; accessConfigs?: { name: string; type: string; natIP: string }[] }[];
  tags?: { items: string[] };
  labels?: Record<string, string>;
  scheduling?: Record<string, unknown>;
  serviceAccounts?: { email: string; scopes: string[] }[];
  shieldedInstanceConfig?: Record<string, boolean>;
  /** The whole insert body, for tests that check what the builder asked for. */
  requested: Record<string, unknown>;
}

export interface GceOperation {
  kind: 'compute#operation';
  id: string;
  name: string;
  operationType: string;
  targetLink: string;
  status: 'PENDING' | 'RUNNING' | 'DONE';
  progress: number;
  zone?: string;
  selfLink: string;
  insertTime: string;
  /** The requestId of the call that made it. */
  clientOperationId?: string;
  error?: { errors: { code: string; message: string }[] };
  httpErrorStatusCode?: number;
  httpErrorMessage?: string;
}

export type GceResource = GceImage | GceDisk | GceInstance;
