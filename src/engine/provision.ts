// Runs a build's provisioners in order, as Packer's provision hook: pause_before, timeout, max_retries.

import { formatGoDuration } from '../ui/duration.js';
import { abortableWait, CancelledError, isCancellation, sleep } from './cancel.js';
import { configureNow, pluginOf } from './plugin-setup.js';
import type { BuildEnv } from './build-env.js';
import type { Communicator } from '../plugin/communicator.js';
import type { GeneratedData } from '../plugin/plugins.js';
import type { ProvisionerStep } from '../plugin/plan.js';
import type { RunContext } from '../plugin/context.js';

/** How long a stopped provisioner may take to remove what it put on the machine (that removal is bounded to 5 s). */
const STOP_GRACE_MS = 10_000;

/** Waits until `p` settles, at most `ms`. */
async function settledWithin(p: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([p.then(() => undefined, () => undefined), new Promise<void>((done) => (timer = setTimeout(done, ms)))]);
  clearTimeout(timer);
}

/** Runs one provisioner under a deadline of `ms`; an expired deadline cancels it. */
async function provisionWithTimeout(run: (ctx: RunContext) => Promise<void>, ms: number, ctx: RunContext): Promise<void> {
  if (ms <= 0) return run(ctx);
  ctx.ui.say(`Setting a ${formatGoDuration(ms)} timeout for the next provisioner...`);
  const deadline = new AbortController();
  const timer = setTimeout(() => deadline.abort(), ms);
  const signal = AbortSignal.any([ctx.signal, deadline.signal]);
  const running = run({ ...ctx, signal });
  try {
    return await abortableWait(running, signal);
  } catch (e) {
    const timedOut = deadline.signal.aborted && !ctx.signal.aborted;
    if (timedOut) ctx.ui.error('Cancelling provisioner after a timeout...');
    // A stopped provisioner may still be removing what it put on the machine (a bounded removal): the communicator
    // must stay open until it is done.
    if (signal.aborted) await settledWithin(running, STOP_GRACE_MS);
    if (timedOut) throw new Error('context deadline exceeded');
    throw e;
  } finally {
    clearTimeout(timer);
  }
}

export async function runProvisioner(step: ProvisionerStep, comm: Communicator | undefined, data: GeneratedData, env: BuildEnv): Promise<void> {
  const { ctx } = env;
  if (ctx.signal.aborted) throw new CancelledError();
  if (step.pauseBeforeMs > 0) {
    ctx.ui.say(`Pausing ${formatGoDuration(step.pauseBeforeMs)} before the next provisioner...`);
    await sleep(step.pauseBeforeMs, ctx.signal);
  }
  const config = configureNow(step.configure, env.extraValues(data), env);
  const provisioner = await pluginOf(env.plugins.provisioners, step.type, 'provisioner').create(config);
  const tries = Math.max(0, step.maxRetries) + 1;
  for (let attempt = 1; ; attempt++) {
    try {
      await provisionWithTimeout((c) => provisioner.provision(c, comm, data), step.timeoutMs, ctx);
      return;
    } catch (e) {
      if (ctx.signal.aborted) throw isCancellation(e) ? e : new CancelledError();
      if (attempt >= tries || isCancellation(e)) throw e;
      await sleep(env.retryDelayMs, ctx.signal);
    }
  }
}

/** The provision hook given to builders: the plan's provisioners, and the error-cleanup provisioner as `cleanup`. */
export function provisionHook(steps: readonly ProvisionerStep[], cleanup: ProvisionerStep | undefined, env: BuildEnv) {
  const hook = async (comm: Communicator | undefined, data: GeneratedData) => {
    for (const step of steps) await runProvisioner(step, comm, data, env);
  };
  const cleanupHook =
    cleanup && ((comm: Communicator | undefined, data: GeneratedData, signal: AbortSignal) => runProvisioner(cleanup, comm, data, { ...env, ctx: { ...env.ctx, signal } }));
  return Object.assign(hook, { cleanup: cleanupHook });
}
