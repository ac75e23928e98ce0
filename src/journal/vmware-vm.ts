// A VMware machine (vmware-iso) in the journal: its .vmx file, the vmrun program and the product flag it was started
// with (`-T ws` or `-T player`), and the host. Written before `vmrun start`, crossed out once the machine is known
// to be stopped; `tsbuild cleanup` stops a machine a killed run left running with `vmrun -T <product> stop <vmx>
// hard`, as the builder's driver does.

import { existsSync } from 'node:fs';
import { hostname } from 'node:os';
import { runTool } from '../steps/floppy/run-tool.js';
import type { CleanOutcome } from './clean.js';
import type { Journal, ResourceRecord } from './journal.js';

export interface VmwareVm {
  /** The .vmx file, absolute (vmrun knows machines by absolute path). */
  vmx: string;
  /** The vmrun program (absolute when found on PATH). */
  vmrun: string;
  product: 'ws' | 'player';
}

/** Writes down the machine about to be started; returns the record's id (forget it once the machine is stopped). */
export function recordVmwareVm(journal: Journal, build: string, vm: VmwareVm): string {
  return journal.record('vmware-vm', build, `VMware machine ${vm.vmx}`, { vmx: vm.vmx, vmrun: vm.vmrun, product: vm.product, host: hostname() });
}

type Env = Readonly<Record<string, string | undefined>>;

/** Stops a recorded machine when vmrun lists it as running: `vmrun -T <product> stop <vmx> hard`. */
export async function stopVmwareVm(r: ResourceRecord, env: Env): Promise<CleanOutcome> {
  const { vmx, product } = r.data as { vmx: string; product: string };
  if (r.data.host && r.data.host !== hostname()) throw new Error(`the machine runs on host ${r.data.host}: stop it there`);
  // The recorded program, else the one on the cleanup's PATH.
  const vmrun = r.data.vmrun && existsSync(r.data.vmrun) ? r.data.vmrun : 'vmrun';
  const o = { env: { ...env, PATH: env.PATH ?? process.env.PATH } };
  const { stdout } = await runTool(vmrun, ['-T', product, 'list'], o);
  if (!stdout.split('\n').some((l) => l.trim() === vmx)) return 'gone';
  const args = ['-T', product, 'stop', vmx, 'hard'];
  await runTool(vmrun, args, o);
  return { said: `Stopped VMware machine ${vmx} (${[vmrun, ...args].join(' ')})` };
}
