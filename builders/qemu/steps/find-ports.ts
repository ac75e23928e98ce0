// Packer's stepPortForward and stepConfigureVNC: a free host port from host_port_min..max for the guest's SSH
// port, and a free VNC port from vnc_port_min..max; each starts at a random port of its range, as parallel
// builds spread out. QEMU binds them when it starts: a port taken in between makes QEMU fail with its message.

import { createServer } from 'node:net';
import type { Step } from '../../../src/engine/steps.js';
import type { QemuState } from '../state.js';

function canListen(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = createServer();
    s.once('error', () => resolve(false));
    s.listen({ host, port, exclusive: true }, () => s.close(() => resolve(true)));
  });
}

/** A port of min..max that `host` can listen on. */
export async function freePortIn(host: string, min: number, max: number): Promise<number> {
  const count = max - min + 1;
  const first = Math.floor(Math.random() * count);
  for (let i = 0; i < count; i++) {
    const port = min + ((first + i) % count);
    if (await canListen(host, port)) return port;
  }
  throw new Error(`Error finding port: no port free on ${host} from ${min} to ${max}`);
}

/** The host address the SSH forward listens on: loopback when SSH connects there, else every address (Packer's). */
export function forwardAddress(sshHost: string): string {
  return sshHost === '127.0.0.1' || sshHost === 'localhost' ? '127.0.0.1' : '';
}

export const stepFindPorts: Step<QemuState> = {
  name: 'stepPortForward',
  run: async (state, ctx) => {
    const { config: c, settings: s } = state;
    if (c.communicator !== 'none' && !c.skip_nat_mapping) {
      ctx.ui.say(`Looking for available communicator (SSH, WinRM, etc) port between ${s.hostPortMin} and ${s.hostPortMax}`);
      state.hostPort = await freePortIn(forwardAddress(c.ssh_host || '127.0.0.1') || '0.0.0.0', s.hostPortMin, s.hostPortMax);
      ctx.ui.say(`Found port for communicator (SSH, WinRM, etc): ${state.hostPort}.`);
    }
    if (c.disable_vnc) return;
    ctx.ui.say(`Looking for available port between ${c.vnc_port_min} and ${c.vnc_port_max} on ${c.vnc_bind_address}`);
    state.vncPort = await freePortIn(c.vnc_bind_address, c.vnc_port_min, c.vnc_port_max);
    ctx.ui.say(`Found available VNC port: ${state.vncPort} on IP: ${c.vnc_bind_address}`);
  },
};
