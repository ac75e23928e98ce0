import { sleep } from '../../../src/engine/cancel.js';
import type { Step } from '../../../src/engine/steps.js';
import type { GceState } from '../state.js';

/**
 * Packer's StepInstanceInfo: waits for the instance to be RUNNING, then takes the address SSH connects to: the
 * external one, or the internal one with use_internal_ip (ssh_host, when given, wins).
 */
export const stepInstanceInfo: Step<GceState> = {
  name: 'StepInstanceInfo',
  run: async (state, ctx) => {
    ctx.ui.say('Waiting for the instance to become running...');
    const until = Date.now() + state.stateTimeoutMs;
    for (let delay = 100; ; delay = Math.min(delay * 2, 2000)) {
      const info = await state.driver.getInstance(state.zone, state.instanceName, ctx.signal);
      if (!info) throw new Error(`Error waiting for instance: instance ${state.instanceName} is gone`);
      if (info.status === 'RUNNING') {
        const ip = state.config.use_internal_ip ? info.networkIP : info.natIP;
        if (!ip) throw new Error(`Error retrieving instance ${state.config.use_internal_ip ? 'internal' : 'nat'} ip address: the instance has none`);
        ctx.ui.message(`${state.config.use_internal_ip ? 'Private IP' : 'IP'}: ${ip}`);
        state.host = state.config.ssh_host || ip;
        return;
      }
      if (info.status === 'TERMINATED' || info.status === 'STOPPING' || info.status === 'SUSPENDED') throw new Error(`Error waiting for instance: the instance is ${info.status}`);
      if (Date.now() > until) throw new Error(`Error waiting for instance: time out while waiting for instance to become running (still ${info.status})`);
      await sleep(delay, ctx.signal);
    }
  },
};
