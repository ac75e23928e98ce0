// The only code that talks to VMware: its own command-line tools, run as Packer's Workstation/Player driver runs
// them on Linux (vmrun -T ws|player, vmware-vdiskmanager, ovftool), found on PATH.

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { runTool } from '../../src/steps/floppy/run-tool.js';

export interface VmwareDriver {
  /** `ws` (Workstation) or `player`. */
  readonly product: 'ws' | 'player';
  createDisk(path: string, size: string, adapterType: string, typeId: string, signal: AbortSignal): Promise<void>;
  start(vmx: string, headless: boolean, signal: AbortSignal): Promise<void>;
  stop(vmx: string, signal: AbortSignal): Promise<void>;
  isRunning(vmx: string, signal: AbortSignal): Promise<boolean>;
  compactDisk(path: string, signal: AbortSignal): Promise<void>;
  snapshot(vmx: string, name: string, signal: AbortSignal): Promise<void>;
  export(args: string[], signal: AbortSignal): Promise<void>;
  /** Where VMware keeps its tools ISO for `flavor`. */
  toolsIsoPath(flavor: string): string;
}

type Env = Readonly<Record<string, string | undefined>>;

/** The first directory of PATH holding `cmd`. */
function lookPath(cmd: string, env: Env): string | undefined {
  for (const dir of (env.PATH ?? '').split(':')) if (dir && existsSync(join(dir, cmd))) return join(dir, cmd);
  return undefined;
}

/** Packer's VerifyOvfTool message, when an export needs ovftool and it is missing. */
export const OVFTOOL_MISSING =
  "Couldn't find ovftool in path! Please either set `skip_export = true` and remove the `format` option from your template, or make sure ovftool is installed on your build system.";

/**
 * Finds VMware's tools as Packer's Workstation then Player drivers do; throws what is missing. `needOvftool`: the
 * build exports to OVF/OVA.
 */
export function openVmwareDriver(env: Env, needOvftool: boolean): VmwareDriver {
  const vmrun = lookPath('vmrun', env);
  const vdisk = lookPath('vmware-vdiskmanager', env);
  const product = lookPath('vmware', env) ? 'ws' : lookPath('vmplayer', env) ? 'player' : undefined;
  const missing = [!product && 'vmware or vmplayer', !vmrun && 'vmrun', !vdisk && 'vmware-vdiskmanager'].filter(Boolean);
  if (missing.length > 0 || !product || !vmrun || !vdisk) {
    throw new Error(`Failed creating VMware driver: VMware Workstation or Player not found (missing on PATH: ${missing.join(', ')})`);
  }
  const ovftool = lookPath('ovftool', env);
  if (needOvftool && !ovftool) throw new Error(OVFTOOL_MISSING);
  const run = (cmd: string, args: string[], signal: AbortSignal) => runTool(cmd, args, { signal, env });
  return {
    product,
    createDisk: async (path, size, adapterType, typeId, signal) => {
      await run(vdisk, ['-c', '-s', size, '-a', adapterType, '-t', typeId, path], signal);
    },
    start: async (vmx, headless, signal) => {
      await run(vmrun, ['-T', product, 'start', vmx, headless ? 'nogui' : 'gui'], signal);
    },
    stop: async (vmx, signal) => {
      await run(vmrun, ['-T', product, 'stop', vmx, 'hard'], signal);
    },
    isRunning: async (vmx, signal) => {
      const { stdout } = await run(vmrun, ['-T', product, 'list'], signal);
      return stdout.split('\n').some((l) => l.trim() === vmx);
    },
    compactDisk: async (path, signal) => {
      await run(vdisk, ['-d', path], signal);
      await run(vdisk, ['-k', path], signal);
    },
    snapshot: async (vmx, name, signal) => {
      await run(vmrun, ['-T', product, 'snapshot', vmx, name], signal);
    },
    export: async (args, signal) => {
      await run(ovftool!, args, signal);
    },
    toolsIsoPath: (flavor) => join(env.TSBUILD_VMWARE_ISO_IMAGES || '/usr/lib/vmware/isoimages', `${flavor}.iso`),
  };
}
