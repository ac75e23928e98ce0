// Deleting what a journal lists: one way per kind of resource. Each is safe to run twice: a resource already gone
// is not an error.

import { lstat, rm } from 'node:fs/promises';
import { connectDocker, engineMessage, statusOf } from '../providers/docker/connect.js';
import type { Engine } from '../providers/docker/engine.js';
import { cleanRemoteFile } from './clean-remote-file.js';
import { ec2Cleaners } from './clean-ec2.js';
import { azureCleaners } from './clean-azure.js';
import { gceCleaners } from './clean-gce.js';
import type { ResourceRecord } from './journal.js';
import { stopVmProcess } from './vm-process.js';
import { stopVmwareVm } from './vmware-vm.js';

/** Removed, already gone, or done in a way the cleaner words itself (`said`: "Stopped VMware machine ..."). */
export type CleanOutcome = 'removed' | 'gone' | { said: string };

/** The daemon a docker resource lives on: the DOCKER_HOST recorded with it. */
async function dockerOf(r: ResourceRecord) {
  return (await connectDocker({ DOCKER_HOST: r.data.dockerHost || undefined })).docker;
}

/** Runs `remove`, counting "not there" (404) as already gone. */
async function removing(remove: () => Promise<unknown>): Promise<CleanOutcome> {
  try {
    await remove();
    return 'removed';
  } catch (e) {
    if (statusOf(e) === 404) return 'gone';
    throw new Error(engineMessage(e));
  }
}

/** The image committed from `container`, if the daemon has one (image inspect's `Container`). */
async function imageCommittedFrom(docker: Engine, container: string): Promise<string | undefined> {
  for (const image of await docker.listImages()) {
    const info = (await docker.getImage(image.Id).inspect().catch(() => undefined)) as { Container?: string } | undefined;
    if (info?.Container === container) return image.Id;
  }
  return undefined;
}

type Env = Readonly<Record<string, string | undefined>>;

const cleaners: Record<ResourceRecord['kind'], (r: ResourceRecord, env: Env) => Promise<CleanOutcome>> = {
  'temp-dir': async (r) => {
    const there = await lstat(r.data.path!).then(
      () => true,
      () => false,
    );
    if (!there) return 'gone';
    await rm(r.data.path!, { recursive: true, force: true });
    return 'removed';
  },
  'docker-container': async (r) => {
    const docker = await dockerOf(r);
    return removing(() => docker.getContainer(r.data.name!).remove({ force: true, v: true }));
  },
  'docker-image': async (r) => {
    const docker = await dockerOf(r);
    // Killed while the daemon committed: the image's ID was never learnt; the daemon knows which container it came from.
    const id = r.data.id ?? (r.data.container ? await imageCommittedFrom(docker, r.data.container) : undefined);
    if (!id) return 'gone';
    return removing(() => docker.getImage(id).remove({ force: true }));
  },
  'remote-file': cleanRemoteFile,
  'vm-process': (r) => stopVmProcess(r),
  'vmware-vm': stopVmwareVm,
  ...ec2Cleaners,
  ...azureCleaners,
  ...gceCleaners,
};

/** Deletes one resource (`env`: the cleanup's environment, SSH_AUTH_SOCK for instance); rejects with why it could not. */
export function cleanResource(r: ResourceRecord, env: Env): Promise<CleanOutcome> {
  return cleaners[r.kind](r, env);
}
