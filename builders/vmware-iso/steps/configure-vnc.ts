import { randomInt } from 'node:crypto';
import { createServer } from 'node:net';
import type { Step } from '../../../src/engine/steps.js';
import type { VmwareState } from '../state.js';
import { readVmx, writeVmx } from '../vmx-file.js';

/** Packer's VNC password alphabet (it has no 7). */
const CHARS = '012345689abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';

function portFree(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = createServer();
    s.once('error', () => resolve(false));
    s.listen(port, host, () => s.close(() => resolve(true)));
  });
}

/** A free port of min..max on `host`, starting at a random one. */
async function freePort(host: string, min: number, max: number): Promise<number> {
  const count = max - min + 1;
  const first = randomInt(count);
  for (let i = 0; i < count; i++) {
    const port = min + ((first + i) % count);
    if (await portFree(host, port)) return port;
  }
  throw new Error(`Error finding port: no port free on ${host} from ${min} to ${max}`);
}

/**
 * Packer's StepConfigureVNC: VMware's own VNC server, turned on in the .vmx file (RemoteDisplay.vnc.*) on a free
 * port of vnc_port_min..max at vnc_bind_address, with an 8-character password unless vnc_disable_password.
 */
export const stepConfigureVnc: Step<VmwareState> = {
  name: 'StepConfigureVNC',
  run: async (state) => {
    const c = state.config;
    if (c.disable_vnc) return;
    const vmx = await readVmx(state.vmxPath!).catch((e: Error) => {
      throw new Error(`Error reading VMX file: ${e.message}`, { cause: e });
    });
    const port = await freePort(c.vnc_bind_address, c.vnc_port_min, c.vnc_port_max);
    const password = c.vnc_disable_password ? '' : Array.from({ length: 8 }, () => CHARS[randomInt(CHARS.length)]).join('');
    vmx['remotedisplay.vnc.enabled'] = 'TRUE';
    vmx['remotedisplay.vnc.port'] = String(port);
    vmx['remotedisplay.vnc.ip'] = c.vnc_bind_address;
    if (password) vmx['remotedisplay.vnc.password'] = password;
    await writeVmx(state.vmxPath!, vmx).catch((e: Error) => {
      throw new Error(`Error writing VMX data: ${e.message}`, { cause: e });
    });
    state.vncIp = c.vnc_bind_address;
    state.vncPort = port;
    state.vncPassword = password;
  },
};
