// Compute Engine's behaviour over the store: inserting and deleting instances, disks and images through
// operations that finish later, instance states that move on with time, metadata, and the SSH keys the
// instance's guest would install (written to a real sshd's authorized_keys).

import { appendFileSync } from 'node:fs';
import { EmulatorScheduler } from '../emulator-scheduler.js';
import { alreadyExists, GceError, notFound } from './errors.js';
import type { GceDisk, GceImage, GceInstance, GceOperation, GceResource } from './model.js';

export interface Delays {
  /** How long an operation runs before it is DONE. */
  operation: number;
  /** PROVISIONING -> STAGING, and STAGING -> RUNNING, each. */
  instanceState: number;
  /** PENDING -> READY of a new image (after its operation). */
  imageReady: number;
}

/** An operation of this type ends with this error instead of doing its work (once each). */
export interface OperationFault {
  operationType: string;
  /** Only operations whose target's URL contains this (`/global/images/`). */
  target?: string;
  code: string;
  message: string;
  times?: number;
}

let counter = 1000;
const nextId = () => String(++counter) + String(Date.now() % 100000).padStart(5, '0');

export class Compute {
  readonly base: string;
  images = new Map<string, GceImage>();
  disks = new Map<string, GceDisk>();
  instances = new Map<string, GceInstance>();
  operations = new Map<string, GceOperation>();
  history: GceResource[] = [];
  operationFaults: (OperationFault & { remaining: number })[] = [];
  /** requestId -> operation: a retried insert gets the operation of the first try. */
  requests = new Map<string, GceOperation>();

  /** State changes that take time (operations, instance states, images), dropped if the emulator is closed first. */
  private readonly scheduler = new EmulatorScheduler();

  constructor(
    endpoint: string,
    readonly delays: Delays,
    private readonly authorizedKeysFile?: string,
  ) {
    this.base = `${endpoint}/compute/v1`;
  }

  stopTimers(): void {
    this.scheduler.stop();
  }

  private key(project: string, zone: string | undefined, name: string): string {
    return `${project}/${zone ?? 'global'}/${name}`;
  }

  link(project: string, path: string): string {
    return `${this.base}/projects/${project}/${path}`;
  }

  /** An operation on `target`; `work` runs when it finishes, unless a fault makes it fail. */
  operation(project: string, zone: string | undefined, type: string, targetLink: string, requestId: string | undefined, work: () => void): GceOperation {
    if (requestId && this.requests.has(requestId)) return this.requests.get(requestId)!;
    const name = `operation-${Date.now()}-${nextId()}`;
    const where = zone ? `zones/${zone}` : 'global';
    const op: GceOperation = {
      kind: 'compute#operation',
      id: nextId(),
      name,
      operationType: type,
      targetLink,
      status: 'RUNNING',
      progress: 0,
      selfLink: this.link(project, `${where}/operations/${name}`),
      insertTime: new Date().toISOString(),
      ...(requestId ? { clientOperationId: requestId } : {}),
      ...(zone ? { zone: this.link(project, `zones/${zone}`) } : {}),
    };
    this.operations.set(this.key(project, zone, name), op);
    if (requestId) this.requests.set(requestId, op);
    const fault = this.operationFaults.find((f) => f.remaining > 0 && f.operationType === type && (!f.target || targetLink.includes(f.target)));
    if (fault) fault.remaining--;
    this.scheduler.after(this.delays.operation, () => {
      if (fault) {
        op.error = { errors: [{ code: fault.code, message: fault.message }] };
        op.httpErrorStatusCode = 403;
        op.httpErrorMessage = 'FORBIDDEN';
      } else {
        try {
          work();
        } catch (e) {
          if (!(e instanceof GceError)) throw e;
          op.error = { errors: [{ code: e.reason.toUpperCase(), message: e.message }] };
          op.httpErrorStatusCode = e.status;
        }
      }
      op.status = 'DONE';
      op.progress = 100;
    });
    return op;
  }

  getOperation(project: string, zone: string | undefined, name: string): GceOperation {
    const op = this.operations.get(this.key(project, zone, name));
    if (!op) throw notFound(`projects/${project}/${zone ? `zones/${zone}` : 'global'}/operations/${name}`);
    return op;
  }

  // Images

  /** An image by name in `project`, or the newest non-deprecated one of a family. */
  getImage(project: string, name: string): GceImage {
    const image = this.images.get(this.key(project, undefined, name));
    if (!image) throw notFound(`projects/${project}/global/images/${name}`);
    return image;
  }

  fromFamily(project: string, family: string): GceImage {
    const candidates = [...this.images.values()].filter((i) => i.project === project && i.family === family && i.status === 'READY' && i.deprecated?.state !== 'DEPRECATED');
    const newest = candidates.sort((a, b) => b.creationTimestamp.localeCompare(a.creationTimestamp))[0];
    if (!newest) throw notFound(`projects/${project}/global/images/family/${family}`);
    return newest;
  }

  addImage(project: string, body: Partial<GceImage> & { name: string }, seeded: boolean, status: GceImage['status']): GceImage {
    const image: GceImage = {
      diskSizeGb: '10',
      creationTimestamp: new Date().toISOString(),
      ...body,
      kind: 'compute#image',
      id: nextId(),
      project,
      selfLink: this.link(project, `global/images/${body.name}`),
      status,
      ...(seeded ? { seeded: true } : {}),
    };
    this.images.set(this.key(project, undefined, image.name), image);
    if (!seeded) this.history.push(image);
    return image;
  }

  insertImage(project: string, body: Record<string, unknown>, requestId?: string): GceOperation {
    const name = String(body.name ?? '');
    if (!/^[a-z]([-a-z0-9]*[a-z0-9])?$/.test(name)) throw new GceError(400, 'invalid', `Invalid value for field 'resource.name': '${name}'. Must be a match of regex '(?:[a-z](?:[-a-z0-9]{0,61}[a-z0-9])?|[1-9][0-9]{0,19})'`);
    if (this.images.has(this.key(project, undefined, name)) && !(requestId && this.requests.has(requestId))) throw alreadyExists(`projects/${project}/global/images/${name}`);
    const disk = this.diskByLink(String(body.sourceDisk ?? ''));
    if (!body.forceCreate && disk.users.some((u) => this.instanceByLink(u)?.status === 'RUNNING')) {
      throw new GceError(400, 'resourceInUseByAnotherResource', `The disk resource '${disk.selfLink}' is already being used by '${disk.users[0]}'`);
    }
    const link = this.link(project, `global/images/${name}`);
    return this.operation(project, undefined, 'insert', link, requestId, () => {
      const { forceCreate: _f, ...fields } = body;
      const image = this.addImage(project, { ...(fields as Partial<GceImage>), name, diskSizeGb: disk.sizeGb, sourceDisk: disk.selfLink, sourceImage: disk.sourceImage }, false, 'PENDING');
      this.scheduler.after(this.delays.imageReady, () => {
        if (this.images.get(this.key(project, undefined, name)) === image) image.status = 'READY';
      });
    });
  }

  deleteImage(project: string, name: string, requestId?: string): GceOperation {
    const image = this.getImage(project, name);
    return this.operation(project, undefined, 'delete', image.selfLink, requestId, () => {
      this.images.delete(this.key(project, undefined, name));
    });
  }

  // Disks

  private diskByLink(link: string): GceDisk {
    const m = /projects\/([^/]+)\/zones\/([^/]+)\/disks\/([^/]+)$/.exec(link);
    const disk = m ? this.disks.get(this.key(m[1]!, m[2]!, m[3]!)) : undefined;
    if (!disk) throw notFound(link.replace(/^.*?projects\//, 'projects/'));
    return disk;
  }

  private instanceByLink(link: string): GceInstance | undefined {
    const m = /projects\/([^/]+)\/zones\/([^/]+)\/instances\/([^/]+)$/.exec(link);
    return m ? this.instances.get(this.key(m[1]!, m[2]!, m[3]!)) : undefined;
  }

  getDisk(project: string, zone: string, name: string): GceDisk {
    const disk = this.disks.get(this.key(project, zone, name));
    if (!disk) throw notFound(`projects/${project}/zones/${zone}/disks/${name}`);
    return disk;
  }

  deleteDisk(project: string, zone: string, name: string, requestId?: string): GceOperation {
    const disk = this.getDisk(project, zone, name);
    if (disk.users.length > 0) throw new GceError(400, 'resourceInUseByAnotherResource', `The disk resource '${disk.selfLink}' is already being used by '${disk.users[0]}'`);
    return this.operation(project, zone, 'delete', disk.selfLink, requestId, () => {
      this.disks.delete(this.key(project, zone, name));
    });
  }

  // Instances

  getInstance(project: string, zone: string, name: string): GceInstance {
    const instance = this.instances.get(this.key(project, zone, name));
    if (!instance) throw notFound(`projects/${project}/zones/${zone}/instances/${name}`);
    return instance;
  }

  /** The source image an insert names: a full or partial URL of an image or an image family. */
  private sourceImage(link: string): GceImage {
    const family = /projects\/([^/]+)\/global\/images\/family\/([^/]+)$/.exec(link);
    if (family) return this.fromFamily(family[1]!, family[2]!);
    const image = /projects\/([^/]+)\/global\/images\/([^/]+)$/.exec(link);
    if (!image) throw new GceError(400, 'invalid', `Invalid value for field 'resource.disks[0].initializeParams.sourceImage': '${link}'. The URL is malformed.`);
    return this.getImage(image[1]!, image[2]!);
  }

  insertInstance(project: string, zone: string, body: Record<string, any>, addresses: { natIP: string; networkIP: string }, requestId?: string): GceOperation {
    const name = String(body.name ?? '');
    const link = this.link(project, `zones/${zone}/instances/${name}`);
    if (requestId && this.requests.has(requestId)) return this.requests.get(requestId)!;
    if (this.instances.has(this.key(project, zone, name))) throw alreadyExists(`projects/${project}/zones/${zone}/instances/${name}`);
    const bootSpec = (body.disks ?? []).find((d: any) => d.boot) ?? body.disks?.[0];
    const init = bootSpec?.initializeParams ?? {};
    const image = this.sourceImage(String(init.sourceImage ?? ''));
    const diskName = String(init.diskName || name);
    if (this.disks.has(this.key(project, zone, diskName))) throw alreadyExists(`projects/${project}/zones/${zone}/disks/${diskName}`);
    return this.operation(project, zone, 'insert', link, requestId, () => {
      const disk: GceDisk = {
        kind: 'compute#disk',
        id: nextId(),
        name: diskName,
        project,
        zone: this.link(project, `zones/${zone}`),
        selfLink: this.link(project, `zones/${zone}/disks/${diskName}`),
        sizeGb: String(init.diskSizeGb ?? image.diskSizeGb),
        type: String(init.diskType ?? 'pd-standard'),
        sourceImage: image.selfLink,
        status: 'READY',
        users: [link],
        ...(init.labels ? { labels: init.labels } : {}),
      };
      this.disks.set(this.key(project, zone, diskName), disk);
      this.history.push(disk);
      const items: { key: string; value: string }[] = body.metadata?.items ?? [];
      const nics = (body.networkInterfaces ?? [{}]).map((n: any) => ({
        network: String(n.network ?? this.link(project, 'global/networks/default')),
        ...(n.subnetwork ? { subnetwork: String(n.subnetwork) } : {}),
        networkIP: addresses.networkIP,
        ...(n.accessConfigs?.length ? { accessConfigs: [{ name: 'External NAT', type: 'ONE_TO_ONE_NAT', natIP: addresses.natIP }] } : {}),
      }));
      const instance: GceInstance = {
        kind: 'compute#instance',
        id: nextId(),
        name,
        project,
        zone: this.link(project, `zones/${zone}`),
        selfLink: link,
        machineType: String(body.machineType ?? ''),
        status: 'PROVISIONING',
        metadata: { fingerprint: nextId(), items },
        disks: [{ boot: true, autoDelete: bootSpec?.autoDelete === true, source: disk.selfLink, deviceName: diskName }],
        networkInterfaces: nics,
        ...(body.tags ? { tags: body.tags } : {}),
        ...(body.labels ? { labels: body.labels } : {}),
        ...(body.scheduling ? { scheduling: body.scheduling } : {}),
        ...(body.serviceAccounts ? { serviceAccounts: body.serviceAccounts } : {}),
        ...(body.shieldedInstanceConfig ? { shieldedInstanceConfig: body.shieldedInstanceConfig } : {}),
        requested: body,
      };
      this.instances.set(this.key(project, zone, name), instance);
      this.history.push(instance);
      this.installKeys(items);
      const advance = (from: GceInstance['status'], to: GceInstance['status'], then?: () => void) =>
        this.scheduler.after(this.delays.instanceState, () => {
          if (instance.status !== from) return;
          instance.status = to;
          then?.();
        });
      advance('PROVISIONING', 'STAGING', () => advance('STAGING', 'RUNNING'));
    });
  }

  /** The keys of OS Login profiles, which a guest with enable-oslogin=TRUE lets in (set by the emulator). */
  osLoginKeys: () => string[] = () => [];

  /**
   * The guest agent's part: every `user:ssh-xxx key` line of ssh-keys goes into the sshd's authorized_keys; with
   * enable-oslogin=TRUE, the keys of OS Login profiles do instead, and ssh-keys are ignored.
   */
  private installKeys(items: { key: string; value: string }[]): void {
    if (!this.authorizedKeysFile) return;
    if (items.some((i) => i.key === 'enable-oslogin' && i.value.toUpperCase() === 'TRUE')) {
      for (const key of this.osLoginKeys()) appendFileSync(this.authorizedKeysFile, `${key.trim()}\n`);
      return;
    }
    for (const item of items) {
      if (item.key !== 'ssh-keys' && item.key !== 'sshKeys') continue;
      for (const line of item.value.split('\n')) {
        const m = /^[^:\s]+:(ssh-\S+ \S+)/.exec(line.trim());
        if (m) appendFileSync(this.authorizedKeysFile, `${m[1]}\n`);
      }
    }
  }

  setMetadata(project: string, zone: string, name: string, body: { fingerprint?: string; items?: { key: string; value: string }[] }, requestId?: string): GceOperation {
    const instance = this.getInstance(project, zone, name);
    if (body.fingerprint !== instance.metadata.fingerprint) {
      throw new GceError(412, 'conditionNotMet', `Supplied fingerprint does not match current metadata fingerprint.`);
    }
    return this.operation(project, zone, 'setMetadata', instance.selfLink, requestId, () => {
      instance.metadata = { fingerprint: nextId(), items: body.items ?? [] };
      this.installKeys(instance.metadata.items);
    });
  }

  stopInstance(project: string, zone: string, name: string, requestId?: string): GceOperation {
    const instance = this.getInstance(project, zone, name);
    return this.operation(project, zone, 'stop', instance.selfLink, requestId, () => {
      instance.status = 'STOPPING';
      this.scheduler.after(this.delays.instanceState, () => {
        if (instance.status === 'STOPPING') instance.status = 'TERMINATED';
      });
    });
  }

  deleteInstance(project: string, zone: string, name: string, requestId?: string): GceOperation {
    const instance = this.getInstance(project, zone, name);
    return this.operation(project, zone, 'delete', instance.selfLink, requestId, () => {
      this.instances.delete(this.key(project, zone, name));
      for (const d of instance.disks) {
        const disk = this.diskByLink(d.source);
        disk.users = disk.users.filter((u) => u !== instance.selfLink);
        if (d.autoDelete) this.disks.delete(this.key(project, zone, disk.name));
      }
    });
  }

  /** Set by a test: what the guest's startup script wrapper writes when the script ends. */
  setGuestMetadata(project: string, zone: string, name: string, key: string, value: string): void {
    const instance = this.getInstance(project, zone, name);
    instance.metadata.items = [...instance.metadata.items.filter((i) => i.key !== key), { key, value }];
    instance.metadata.fingerprint = nextId();
  }
}
