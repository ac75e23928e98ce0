// What each resource type does beyond being stored: checks on create (what it refers to must exist), resources it
// makes (a VM's disks), VM power states and generalization, images captured from a generalized VM, gallery
// versions from an image. Checks throw ArmError with the codes and wording ARM uses.

import { appendFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import type { Context } from './context.js';
import { ArmError } from './errors.js';
import type { ArmResource } from './store.js';

type Props = Record<string, any>;

export interface TypeRules {
  /** Checks a PUT and fills what ARM adds; may make other resources (a VM's disks). */
  create?(ctx: Context, r: ArmResource, existing: ArmResource | undefined): void;
  /** When its deletion completes: what goes with it. */
  removed?(ctx: Context, r: ArmResource): void;
  /** POST actions: `check` runs at once (throws to refuse), `done` when the operation completes; `lro` false answers 200 at once. */
  actions?: Record<string, { lro: boolean; check?(ctx: Context, r: ArmResource): void; done?(ctx: Context, r: ArmResource): void }>;
}

const mustExist = (ctx: Context, id: string | undefined, what: string): ArmResource => {
  const found = id ? ctx.store.get(id) : undefined;
  if (!found) throw new ArmError('NotFound', `${what} '${id ?? ''}' was not found.`, 404);
  return found;
};

const subnetExists = (ctx: Context, subnetId: string): boolean => {
  const m = /^(.*\/virtualNetworks\/[^/]+)\/subnets\/([^/]+)$/i.exec(subnetId);
  const vnet = m ? ctx.store.get(m[1]!) : undefined;
  return ((vnet?.properties.subnets as Props[] | undefined) ?? []).some((s) => String(s.name).toLowerCase() === m![2]!.toLowerCase());
};

function makeDisk(ctx: Context, vm: ArmResource, name: string, sizeGb: number, extra: Props): string {
  const id = `/subscriptions/${ctx.settings.subscriptionId}/resourceGroups/${vm.resourceGroup}/providers/Microsoft.Compute/disks/${name}`;
  ctx.store.put({
    id,
    type: 'Microsoft.Compute/disks',
    name,
    resourceGroup: vm.resourceGroup,
    location: vm.location,
    tags: {},
    properties: { provisioningState: 'Succeeded', diskSizeGB: sizeGb, diskState: 'Attached', ...extra },
    seeded: false,
    extra: { managedBy: vm.id },
  });
  return id;
}

function checkImageReference(ctx: Context, ref: Props | undefined): void {
  if (!ref) throw new ArmError('InvalidParameter', "Required parameter 'imageReference' is missing (null).", 400);
  if (ref.id) {
    mustExist(ctx, ref.id, 'The image');
    return;
  }
  const key = `${ref.publisher}/${ref.offer}/${ref.sku}`.toLowerCase();
  const versions = ctx.settings.marketplace.get(key);
  if (!versions || (ref.version !== 'latest' && !versions.includes(ref.version))) {
    throw new ArmError('PlatformImageNotFound', `The platform image '${ref.publisher}:${ref.offer}:${ref.sku}:${ref.version}' is not available. Verify that all fields in the storage profile are correct.`, 404);
  }
}

const virtualMachine: TypeRules = {
  create(ctx, vm) {
    const p = vm.properties as Props;
    const storage = (p.storageProfile ?? {}) as Props;
    checkImageReference(ctx, storage.imageReference);
    for (const nic of (p.networkProfile?.networkInterfaces ?? []) as Props[]) mustExist(ctx, nic.id, 'The network interface');
    const os = (storage.osDisk ?? {}) as Props;
    const osName = os.name ?? `${vm.name}_OsDisk_1_${randomBytes(16).toString('hex')}`;
    const osId = makeDisk(ctx, vm, osName, os.diskSizeGB ?? 30, { osType: os.osType ?? 'Linux' });
    storage.osDisk = { ...os, name: osName, managedDisk: { ...(os.managedDisk ?? {}), id: osId } };
    storage.dataDisks = ((storage.dataDisks ?? []) as Props[]).map((d, i) => {
      const name = d.name ?? `${vm.name}_disk${i + 2}_${randomBytes(16).toString('hex')}`;
      return { ...d, name, managedDisk: { ...(d.managedDisk ?? {}), id: makeDisk(ctx, vm, name, d.diskSizeGB ?? 1, {}) } };
    });
    p.storageProfile = storage;
    p.vmId = randomBytes(16).toString('hex');
    vm.extra.powerState = 'running';
    vm.extra.generalized = false;
    const keys = (p.osProfile?.linuxConfiguration?.ssh?.publicKeys ?? []) as Props[];
    if (ctx.settings.authorizedKeysFile) for (const k of keys) appendFileSync(ctx.settings.authorizedKeysFile, `${String(k.keyData).trim()}\n`);
  },
  removed(ctx, vm) {
    const storage = (vm.properties.storageProfile ?? {}) as Props;
    for (const d of [storage.osDisk, ...((storage.dataDisks ?? []) as Props[])] as Props[]) {
      const disk = d?.managedDisk?.id ? ctx.store.get(d.managedDisk.id) : undefined;
      if (!disk) continue;
      if (d.deleteOption === 'Delete') ctx.store.delete(disk.id);
      else Object.assign(disk.properties, { diskState: 'Unattached' }), delete disk.extra.managedBy;
    }
  },
  actions: {
    deallocate: { lro: true, done: (_ctx, vm) => void (vm.extra.powerState = 'deallocated') },
    powerOff: { lro: true, done: (_ctx, vm) => void (vm.extra.powerState = 'stopped') },
    start: { lro: true, done: (_ctx, vm) => void (vm.extra.powerState = 'running') },
    generalize: {
      lro: false,
      check(_ctx, vm) {
        if (vm.extra.powerState === 'running') throw new ArmError('OperationNotAllowed', `Operation 'generalize' is not allowed on VM '${vm.name}' since the VM is running. Please power off explicitly in case you shut down the VM from inside the guest operating system.`, 409);
        vm.extra.generalized = true;
      },
    },
  },
};

const image: TypeRules = {
  create(ctx, img) {
    const p = img.properties as Props;
    const source = p.sourceVirtualMachine?.id as string | undefined;
    if (!source) return;
    const vm = mustExist(ctx, source, 'The virtual machine');
    if (!vm.extra.generalized) {
      throw new ArmError('OperationNotAllowed', `The operation 'Create Image' cannot be performed on VM '${vm.name}' because the VM is not generalized.`, 409);
    }
    const storage = vm.properties.storageProfile as Props;
    p.storageProfile = {
      osDisk: { osType: storage.osDisk.osType ?? 'Linux', osState: 'Generalized', managedDisk: { id: storage.osDisk.managedDisk.id }, storageAccountType: p.storageProfile?.osDisk?.storageAccountType ?? 'Standard_LRS' },
      dataDisks: ((storage.dataDisks ?? []) as Props[]).map((d) => ({ lun: d.lun, managedDisk: { id: d.managedDisk.id } })),
    };
  },
};

const galleryImageVersion: TypeRules = {
  create(ctx, v) {
    const parent = v.id.replace(/\/versions\/[^/]+$/i, '');
    if (!ctx.store.get(parent)) throw new ArmError('ParentResourceNotFound', `Can not perform requested operation on nested resource. Parent resource '${parent.split('/').slice(-3).join('/')}' not found.`, 404);
    const p = v.properties as Props;
    const source = (p.storageProfile?.source?.id ?? p.publishingProfile?.source?.managedImage?.id) as string | undefined;
    mustExist(ctx, source, 'The source image');
  },
};

const networkInterface: TypeRules = {
  create(ctx, nic) {
    for (const c of (nic.properties.ipConfigurations ?? []) as Props[]) {
      const props = (c.properties ??= {}) as Props;
      if (props.subnet?.id && !subnetExists(ctx, props.subnet.id)) throw new ArmError('InvalidResourceReference', `Resource ${props.subnet.id} referenced by resource ${nic.id} was not found.`, 400);
      if (props.publicIPAddress?.id) mustExist(ctx, props.publicIPAddress.id, 'The public IP address');
      props.privateIPAddress = ctx.settings.privateIp;
    }
  },
};

const publicIp: TypeRules = {
  create(ctx, ip) {
    ip.properties.ipAddress = ctx.settings.publicIp;
  },
};

export const RULES: Readonly<Record<string, TypeRules>> = {
  'microsoft.compute/virtualmachines': virtualMachine,
  'microsoft.compute/images': image,
  'microsoft.compute/galleries/images/versions': galleryImageVersion,
  'microsoft.network/networkinterfaces': networkInterface,
  'microsoft.network/publicipaddresses': publicIp,
};
