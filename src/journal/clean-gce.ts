// Deleting Compute Engine resources a killed run left, from what the journal kept (src/providers/gcp/journal-data.ts).
// The driver loads @google-cloud/compute: only when a journal lists a GCE resource. An insert the run was waiting
// for is waited for first, so that what it makes is there to delete; an insert whose answer the run never had is
// found by its requestId (the operation's clientOperationId).

import type { GceDriver } from '../providers/gcp/driver.js';
import { loadGcp } from '../providers/gcp/load.js';
import { recordedGcpAccess } from '../providers/gcp/journal-data.js';
import type { ResourceRecord } from './journal.js';

type Env = Readonly<Record<string, string | undefined>>;
type GceKind = Extract<ResourceRecord['kind'], `gce-${string}`>;
type Data = Record<string, string>;

const BY_HAND: Record<GceKind, (d: Data) => string> = {
  'gce-instance': (d) => `gcloud compute instances delete ${d.name} --project ${d.project} --zone ${d.zone}`,
  'gce-disk': (d) => `gcloud compute disks delete ${d.name} --project ${d.project} --zone ${d.zone}`,
  'gce-image': (d) => `gcloud compute images delete ${d.name} --project ${d.project}`,
  'gce-oslogin-key': (d) => `gcloud compute os-login ssh-keys remove --key ${d.fingerprint} (as ${d.user})`,
};

/** How tsbuild deletes each kind with the driver. */
const DELETE: Record<GceKind, (driver: GceDriver, d: Data, signal: AbortSignal) => Promise<'deleted' | 'gone'>> = {
  'gce-instance': (driver, d, s) => driver.deleteInstance(d.zone!, d.name!, s),
  'gce-disk': (driver, d, s) => driver.deleteDisk(d.zone!, d.name!, s),
  'gce-image': (driver, d, s) => driver.deleteImage(d.name!, s),
  'gce-oslogin-key': (driver, d, s) => driver.deleteOsLoginKey(d.user!, d.fingerprint!, s),
};

const CREDENTIALS_HINT = 'tsbuild cleanup finds Google credentials in GOOGLE_APPLICATION_CREDENTIALS, else application default credentials (a credentials_json of the template is not kept in the journal)';

async function cleanGce(r: ResourceRecord, env: Env): Promise<'removed' | 'gone'> {
  const kind = r.kind as GceKind;
  const d = r.data;
  const signal = new AbortController().signal;
  try {
    const { openGce } = await loadGcp();
    const driver = await openGce(recordedGcpAccess(d), '/', env, signal);
    try {
      const zone = kind === 'gce-image' ? undefined : d.zone;
      const operation = d.operation || (d.requestId && zone ? await driver.findOperation(zone, d.requestId, signal) : undefined);
      if (operation) await driver.waitOperation(zone, operation, signal).catch(() => undefined);
      const outcome = await DELETE[kind](driver, d, signal);
      return outcome === 'deleted' ? 'removed' : 'gone';
    } finally {
      await driver.close();
    }
  } catch (e) {
    throw new Error(`${(e as Error).message}. ${CREDENTIALS_HINT}. To delete it by hand: ${BY_HAND[kind](d)}`, { cause: e });
  }
}

export const gceCleaners: Record<GceKind, (r: ResourceRecord, env: Env) => Promise<'removed' | 'gone'>> = {
  'gce-instance': cleanGce,
  'gce-disk': cleanGce,
  'gce-image': cleanGce,
  'gce-oslogin-key': cleanGce,
};
