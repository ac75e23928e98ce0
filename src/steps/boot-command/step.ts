// Packer's stepTypeBootCommand for VNC (the qemu and vmware-iso builders): waits `boot_wait`, connects to the
// machine's VNC server, renders the boot command with {{.HTTPIP}}, {{.HTTPPort}} and {{.Name}}, and types it.

import { CancelledError, isCancellation, sleep } from '../../engine/cancel.js';
import type { Step } from '../../engine/steps.js';
import { renderGoTemplate } from '../../gotemplate/index.js';
import { errorMessage } from '../../plugin/errors.js';
import { connectRfb, RfbDialError, type RfbConnection } from '../../providers/vnc/rfb-client.js';
import { formatGoDuration } from '../../ui/duration.js';
import { bootKeyIntervalMs, bootWaitMs, type BootCommandConfig } from './config.js';
import { parseBootCommand } from './parse.js';
import { keyIntervalMs, typeBootCommand } from './type-keys.js';

/** What the builder knows once its machine runs. */
export interface BootTarget {
  vncHost: string;
  vncPort: number;
  /** Set when the VNC server asks for one. */
  vncPassword?: string;
  /** The address the machine reaches the build's HTTP server at ({{.HTTPIP}}): 10.0.2.2 under QEMU's user network. */
  httpIp: string;
  /** {{.HTTPPort}}: 0 when nothing is served. */
  httpPort: number;
  /** {{.Name}}: the machine's name. */
  name: string;
}

/**
 * Connects to the VNC server, waiting up to `boundMs` for it to listen (a VM opens its port a moment after it
 * starts: Packer fails at once with "connection refused"); messages are Packer's.
 */
async function connectWhenListening(t: BootTarget, boundMs: number, signal: AbortSignal): Promise<RfbConnection> {
  const deadline = Date.now() + boundMs;
  for (;;) {
    try {
      return await connectRfb({ host: t.vncHost, port: t.vncPort, password: t.vncPassword || undefined, signal });
    } catch (e) {
      if (signal.aborted) throw new CancelledError();
      if (!(e instanceof RfbDialError)) throw new Error(`Error handshaking with VNC: ${errorMessage(e)}`, { cause: e });
      if (e.code !== 'ECONNREFUSED' || Date.now() >= deadline) throw new Error(`Error connecting to VNC: ${e.message}`, { cause: e });
      await sleep(100, signal);
    }
  }
}

export interface BootCommandStepOptions {
  /** How long the VNC server may take to listen (30 s unless given). */
  vncListenTimeoutMs?: number;
}

export function stepTypeBootCommand<S>(configOf: (state: S) => BootCommandConfig, targetOf: (state: S) => BootTarget, o: BootCommandStepOptions = {}): Step<S> {
  return {
    name: 'stepTypeBootCommand',
    run: async (state, ctx) => {
      const c = configOf(state);
      if (c.disable_vnc) return;
      const wait = bootWaitMs(c);
      if (wait > 0) {
        ctx.ui.say(`Waiting ${formatGoDuration(wait)} for boot...`);
        await sleep(wait, ctx.signal);
      }
      const t = targetOf(state);
      ctx.ui.say(`Connecting to VM via VNC (${t.vncHost}:${t.vncPort})`);
      const vnc = await connectWhenListening(t, o.vncListenTimeoutMs ?? 30_000, ctx.signal);
      try {
        ctx.ui.say('Typing the boot command over VNC...');
        let command: string;
        try {
          command = renderGoTemplate((c.boot_command ?? []).join(''), { data: { HTTPIP: t.httpIp, HTTPPort: t.httpPort, Name: t.name } });
        } catch (e) {
          throw new Error(`Error preparing boot command: ${errorMessage(e)}`, { cause: e });
        }
        let seq;
        try {
          seq = parseBootCommand(command);
        } catch (e) {
          throw new Error(`Error generating boot command: ${errorMessage(e)}`, { cause: e });
        }
        const intervalMs = keyIntervalMs(bootKeyIntervalMs(c), ctx.env);
        await typeBootCommand(seq, vnc, { intervalMs, signal: ctx.signal }).catch((e) => {
          throw isCancellation(e) ? e : new Error(`Error running boot command: ${errorMessage(e)}`, { cause: e });
        });
      } finally {
        vnc.close();
      }
    },
  };
}
