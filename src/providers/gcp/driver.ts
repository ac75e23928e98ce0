// What tsbuild asks of Compute Engine (and of OS Login), as one interface: the googlecompute builder's steps, the
// googlecompute-image data source and `tsbuild cleanup` call it; only sdk.ts (loaded on demand) implements it with
// @google-cloud/compute (and oslogin.ts).

import type { LoginProfile } from './oslogin.js';

export interface ImageInfo {
  /** Compute's numeric id, as a string; '' when not known. */
  id?: string;
  creationTimestamp?: string;
  name: string;
  project: string;
  selfLink: string;
  family?: string;
  status?: string;
  diskSizeGb?: number;
  licenses: string[];
  guestOsFeatures: string[];
  storageLocations: string[];
  labels: Record<string, string>;
}

export interface InstanceInfo {
  status: string;
  natIP?: string;
  networkIP?: string;
  metadata: Record<string, string>;
}

/** The instance insert body, in Compute's JSON shape (projects.zones.instances.insert). */
export type InstanceSpec = Record<string, unknown> & { name: string };
/** The image insert body, in Compute's JSON shape (projects.global.images.insert). */
export type ImageSpec = Record<string, unknown> & { name: string; sourceDisk: string };

export interface GceDriver {
  readonly project: string;
  /** An image by name, or the newest of a family (getFromFamily); undefined when there is none. */
  findImage(project: string, name: string, fromFamily: boolean, signal: AbortSignal): Promise<ImageInfo | undefined>;
  /** Every image of `project` that `filter` (Compute's list filter expression) matches, all pages. */
  listImages(project: string, filter: string, signal: AbortSignal): Promise<ImageInfo[]>;
  /**
   * Inserts an instance and waits for the zone operation; `started` learns the operation's name first. The insert
   * carries `requestId` (a new one unless given): Compute files it as the operation's clientOperationId.
   */
  createInstance(zone: string, spec: InstanceSpec, signal: AbortSignal, started?: (operation: string) => void, requestId?: string): Promise<void>;
  /** Waits for an operation (of `zone`, or global) to be DONE; throws its error. */
  waitOperation(zone: string | undefined, operation: string, signal: AbortSignal): Promise<void>;
  /** The name of the zone operation an insert with `requestId` made, if Compute has one. */
  findOperation(zone: string, requestId: string, signal: AbortSignal): Promise<string | undefined>;
  getInstance(zone: string, name: string, signal: AbortSignal): Promise<InstanceInfo | undefined>;
  /** Deletes and waits; 'gone' when there was none. */
  deleteInstance(zone: string, name: string, signal: AbortSignal): Promise<'deleted' | 'gone'>;
  deleteDisk(zone: string, name: string, signal: AbortSignal): Promise<'deleted' | 'gone'>;
  /** Inserts an image and waits for the global operation, then for the image to be READY. */
  createImage(spec: ImageSpec, signal: AbortSignal, started?: (operation: string) => void): Promise<ImageInfo>;
  deleteImage(name: string, signal: AbortSignal): Promise<'deleted' | 'gone'>;
  /** Imports a public key into `user`'s OS Login profile (POSIX account of the driver's project); `expireUsec`: µs since the epoch. */
  importOsLoginKey(user: string, key: string, expireUsec: number | undefined, signal: AbortSignal): Promise<LoginProfile>;
  /** Deletes a key of `user`'s OS Login profile by fingerprint; 'gone' when there is none. */
  deleteOsLoginKey(user: string, fingerprint: string, signal: AbortSignal): Promise<'deleted' | 'gone'>;
  close(): Promise<void>;
}
