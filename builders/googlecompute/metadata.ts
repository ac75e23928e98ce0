// The instance's metadata, as Packer's googlecompute makes it: the template's metadata, metadata_files read,
// the temporary public key prepended to `ssh-keys` as `user:<key> user` (unless OS Login lets the build in), the
// startup script (wrapped so that the build can tell when it has run), and enable-oslogin when use_os_login is set.

import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseGoBool } from '../../src/util/go-bool.js';
import type { GooglecomputeConfig } from './config.js';
import type { GceState } from './state.js';

export const STARTUP_SCRIPT = 'startup-script';
export const WRAPPED_SCRIPT = 'packer-wrapped-startup-script';
export const SCRIPT_STATUS = 'startup-script-status';
export const STATUS_DONE = 'done';
export const STATUS_ERROR = 'error';
export const ENABLE_OSLOGIN = 'enable-oslogin';

/**
 * Runs the wrapped script, then records in the instance's metadata whether it succeeded, where the wait step
 * reads it (the script runs as root on the instance, which has gcloud and the metadata server).
 */
const WRAPPER = `#!/bin/bash
set -u
name=$(curl -fs -H 'Metadata-Flavor: Google' http://metadata.google.internal/computeMetadata/v1/instance/name)
zone=$(curl -fs -H 'Metadata-Flavor: Google' http://metadata.google.internal/computeMetadata/v1/instance/zone)
curl -fs -H 'Metadata-Flavor: Google' http://metadata.google.internal/computeMetadata/v1/instance/attributes/${WRAPPED_SCRIPT} > /tmp/${WRAPPED_SCRIPT}
chmod 700 /tmp/${WRAPPED_SCRIPT}
if /tmp/${WRAPPED_SCRIPT}; then status=${STATUS_DONE}; else status=${STATUS_ERROR}; fi
gcloud compute instances add-metadata "$name" --zone "\${zone##*/}" --metadata ${SCRIPT_STATUS}=$status
`;

/** use_os_login, else the template metadata's enable-oslogin (read as Packer reads it, with Go's ParseBool), else unset. */
export function osLoginSetting(c: GooglecomputeConfig): boolean | undefined {
  if (c.use_os_login !== undefined) return c.use_os_login;
  const v = c.metadata[ENABLE_OSLOGIN];
  return v === undefined ? undefined : parseGoBool(v);
}

export async function instanceMetadata(state: GceState, cwd: string): Promise<{ key: string; value: string }[]> {
  const c = state.config;
  const items = new Map(Object.entries(c.metadata));
  const osLogin = osLoginSetting(c);
  if (!c.ssh_private_key_file && state.publicKey && osLogin !== true) {
    const user = c.ssh_username ?? '';
    const [type, key] = state.publicKey.split(/\s+/);
    const line = `${user}:${type} ${key} ${user}`;
    const given = items.get('ssh-keys');
    items.set('ssh-keys', given ? `${line}\n${given}` : line);
  }
  let script = items.get(STARTUP_SCRIPT) ?? '';
  if (c.startup_script_file) script = await readFile(resolve(cwd, c.startup_script_file), 'utf8');
  if (script) {
    items.set(STARTUP_SCRIPT, script);
    if (c.wrap_startup_script ?? Boolean(c.startup_script_file)) {
      items.set(STARTUP_SCRIPT, WRAPPER);
      items.set(WRAPPED_SCRIPT, script);
      items.set(SCRIPT_STATUS, 'notdone');
    }
  }
  if (osLogin !== undefined) items.set(ENABLE_OSLOGIN, osLogin ? 'TRUE' : 'FALSE');
  for (const [key, path] of Object.entries(c.metadata_files)) items.set(key, await readFile(resolve(cwd, path), 'utf8'));
  return [...items].map(([key, value]) => ({ key, value }));
}

/** Whether the build waits for a startup script (Packer's StepWaitStartupScript runs when one is given). */
export function waitsForStartupScript(state: GceState): boolean {
  const c = state.config;
  return Boolean(c.startup_script_file || c.metadata[STARTUP_SCRIPT]) && (c.wrap_startup_script ?? Boolean(c.startup_script_file));
}
