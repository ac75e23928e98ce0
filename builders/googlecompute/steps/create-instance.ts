import { randomUUID } from 'node:crypto';
import type { Step } from '../../../src/engine/steps.js';
import type { RunContext } from '../../../src/plugin/context.js';
import { errorMessage } from '../../../src/plugin/errors.js';
import type { ImageInfo, InstanceSpec } from '../../../src/providers/gcp/driver.js';
import { Value } from '../../../src/value/value.js';
import { instanceMetadata } from '../metadata.js';
import type { GceState } from '../state.js';

/** The source image: source_image, else the newest of source_image_family, in source_image_project_id's projects in order. */
async function findSourceImage(state: GceState, signal: AbortSignal): Promise<ImageInfo> {
  const c = state.config;
  const name = c.source_image || c.source_image_family!;
  const fromFamily = !c.source_image;
  const projects = c.source_image_project_id.length > 0 ? c.source_image_project_id : [state.driver.project];
  for (const project of projects) {
    const image = await state.driver.findImage(project, name, fromFamily, signal);
    if (image) return image;
  }
  const what = fromFamily ? `image family ${JSON.stringify(name)}` : `image ${JSON.stringify(name)}`;
  throw new Error(`Error getting source image for instance creation: could not find ${what} in project${projects.length > 1 ? 's' : ''} ${projects.join(', ')}`);
}

/** The insert body, in Compute's JSON shape, as Packer's driver builds it. */
function instanceSpec(state: GceState, image: ImageInfo, metadata: { key: string; value: string }[]): InstanceSpec {
  const c = state.config;
  const zone = state.zone;
  const netProject = c.network_project_id || state.driver.project;
  const network = c.network || (c.subnetwork ? undefined : 'default');
  const path = (kind: string, name: string, regional: boolean) =>
    name.includes('/') ? name : `projects/${netProject}/${regional ? `regions/${zone.slice(0, -2)}` : 'global'}/${kind}/${name}`;
  const accessConfigs = c.omit_external_ip ? [] : [{ type: 'ONE_TO_ONE_NAT', name: 'AccessConfig created by Packer', ...(c.address ? { natIP: c.address } : {}) }];
  const onHostMaintenance = c.preemptible ? 'TERMINATE' : (c.on_host_maintenance ?? 'MIGRATE');
  return {
    name: state.instanceName,
    description: 'New instance created by Packer',
    machineType: `zones/${zone}/machineTypes/${c.machine_type}`,
    disks: [
      {
        type: 'PERSISTENT',
        mode: 'READ_WRITE',
        kind: 'compute#attachedDisk',
        boot: true,
        autoDelete: false,
        initializeParams: { diskName: state.diskName, sourceImage: image.selfLink, diskSizeGb: String(c.disk_size), diskType: `zones/${zone}/diskTypes/${c.disk_type}`, labels: c.labels },
      },
    ],
    networkInterfaces: [
      {
        ...(network ? { network: path('networks', network, false) } : {}),
        ...(c.subnetwork ? { subnetwork: path('subnetworks', c.subnetwork, true) } : {}),
        accessConfigs,
      },
    ],
    metadata: { items: metadata },
    labels: c.labels,
    tags: { items: c.tags },
    scheduling: { preemptible: c.preemptible, onHostMaintenance, automaticRestart: !c.preemptible },
    serviceAccounts: c.disable_default_service_account ? [] : [{ email: c.service_account_email || 'default', scopes: c.scopes }],
    ...(c.min_cpu_platform ? { minCpuPlatform: c.min_cpu_platform } : {}),
    ...(c.enable_secure_boot || c.enable_vtpm || c.enable_integrity_monitoring
      ? { shieldedInstanceConfig: { enableSecureBoot: c.enable_secure_boot, enableVtpm: c.enable_vtpm, enableIntegrityMonitoring: c.enable_integrity_monitoring } }
      : {}),
  };
}

/** Deletes the instance (once its insert's operation has ended), crossing it out of the journal; its boot disk stays. */
export async function deleteInstance(state: GceState, ctx: RunContext): Promise<void> {
  if (state.instanceOperation) await state.driver.waitOperation(state.zone, state.instanceOperation, ctx.signal).catch(() => undefined);
  await deleteOne(ctx, 'instance', () => state.driver.deleteInstance(state.zone, state.instanceName, ctx.signal), state.instanceRecord);
  state.instanceLive = false;
  state.instanceRecord = undefined;
}

/** Packer's words around one deletion, then the journal entry crossed out. */
async function deleteOne(ctx: RunContext, what: 'instance' | 'disk', remove: () => Promise<unknown>, record: string | undefined): Promise<void> {
  ctx.ui.say(`Deleting ${what}...`);
  await remove();
  ctx.ui.message(`${what[0]!.toUpperCase()}${what.slice(1)} has been deleted!`);
  if (record) ctx.journal.forget(record);
}

/**
 * Packer's StepCreateInstance: finds the source image, then creates the instance (boot disk kept on deletion) with
 * the temporary key in its metadata and waits for the zone operation. The disk and the instance are written to the
 * journal before the insert, with its requestId. Cleanup deletes the instance (after its insert's operation ends) and its disk.
 */
export const stepCreateInstance: Step<GceState> = {
  name: 'StepCreateInstance',
  run: async (state, ctx) => {
    const c = state.config;
    const image = await findSourceImage(state, ctx.signal);
    state.sourceImage = image;
    state.data = { ...state.data, SourceImageName: Value.string(image.name) };
    if (c.enable_secure_boot && !image.guestOsFeatures.includes('UEFI_COMPATIBLE')) {
      throw new Error(`Image: ${image.name} is not secure boot compatible. Please set 'enable_secure_boot' to false or choose another source image.`);
    }
    ctx.ui.say(`Using image: ${image.name}`);
    ctx.ui.say('Creating instance...');
    const metadata = await instanceMetadata(state, ctx.cwd);
    const where = `${state.access.project}, ${state.zone}`;
    // A run killed before the insert's answer leaves its requestId: cleanup finds the operation by it.
    const requestId = randomUUID();
    state.diskRecord = ctx.journal.record('gce-disk', ctx.buildName, `disk ${state.diskName} (${where})`, { ...state.access, zone: state.zone, name: state.diskName, requestId });
    state.instanceRecord = ctx.journal.record('gce-instance', ctx.buildName, `instance ${state.instanceName} (${where})`, { ...state.access, zone: state.zone, name: state.instanceName, requestId });
    state.instanceLive = true;
    state.diskLive = true;
    const started = (operation: string) => {
      ctx.ui.message('Waiting for creation operation to complete...');
      state.instanceOperation = operation;
      ctx.journal.update(state.instanceRecord!, { operation });
    };
    await state.driver.createInstance(state.zone, instanceSpec(state, image, metadata), ctx.signal, started, requestId);
    ctx.ui.message('Instance has been created!');
  },
  cleanup: async (state, ctx) => {
    try {
      if (state.instanceLive) await deleteInstance(state, ctx);
      if (state.diskLive) {
        await deleteOne(ctx, 'disk', () => state.driver.deleteDisk(state.zone, state.diskName, ctx.signal), state.diskRecord);
        state.diskLive = false;
        state.diskRecord = undefined;
      }
    } catch (e) {
      const left = [state.instanceLive ? `instance ${state.instanceName}` : '', `disk ${state.diskName}`].filter(Boolean).join(' and ');
      ctx.ui.error(`${errorMessage(e)}\nThe journal keeps ${left} (zone ${state.zone}) for tsbuild cleanup; or delete ${state.instanceLive ? 'them' : 'it'} by hand.`);
    }
  },
};
