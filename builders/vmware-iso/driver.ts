// The only code that talks to VMware: its own command-line tools, run as Packer's Workstation/Player driver runs
// them on Linux (vmrun -T ws|player, vmware-vdiskmanager, ovftool), found on PATH.

import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
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
  /** `ovftool [options] source target`. */
  export(options: string[], source: string, target: string, signal: AbortSignal): Promise<void>;
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

export interface DriverOptions {
  /** The build exports to OVF/OVA. */
  needOvftool: boolean;
  /** The run's working folder: the tools run there. */
  cwd: string;
  /**
   * A path as the tools get it from Packer: relative to the working folder when the template's output directory is
   * relative (the driver is given absolute paths).
   */
  pathArg(path: string): string;
}

/** Finds VMware's tools as Packer's Workstation then Player drivers do; throws what is missing. */
export function openVmwareDriver(env: Env, o: DriverOptions): VmwareDriver {
  const vmrun = lookPath('vmrun', env);
  const vdisk = lookPath('vmware-vdiskmanager', env);
  const product = lookPath('vmware', env) ? 'ws' : lookPath('vmplayer', env) ? 'player' : undefined;
  const missing = [!product && 'vmware or vmplayer', !vmrun && 'vmrun', !vdisk && 'vmware-vdiskmanager'].filter(Boolean);
  if (missing.length > 0 || !product || !vmrun || !vdisk) {
    throw new Error(`Failed creating VMware driver: VMware Workstation or Player not found (missing on PATH: ${missing.join(', ')})`);
  }
  const ovftool = lookPath('ovftool', env);
  if (o.needOvftool && !ovftool) throw new Error(OVFTOOL_MISSING);
  const run = (cmd: string, args: string[], signal: AbortSignal) => runTool(cmd, args, { signal, env, cwd: o.cwd });
  const p = o.pathArg;
  return {
    product,
    createDisk: async (path, size, adapterType, typeId, signal) => {
      await run(vdisk, ['-c', '-s', size, '-a', adapterType, '-t', typeId, p(path)], signal);
    },
    start: async (vmx, headless, signal) => {
      await run(vmrun, ['-T', product, 'start', p(vmx), headless ? 'nogui' : 'gui'], signal);
    },
    stop: async (vmx, signal) => {
      await run(vmrun, ['-T', product, 'stop', p(vmx), 'hard'], signal);
    },
    isRunning: async (vmx, signal) => {
      const { stdout } = await run(vmrun, ['-T', product, 'list'], signal);
      // vmrun lists absolute paths.
      return stdout.split('\n').some((l) => l.trim() === resolve(o.cwd, vmx));
    },
    compactDisk: async (path, signal) => {
      await run(vdisk, ['-d', p(path)], signal);
      await run(vdisk, ['-k', p(path)], signal);
    },
    snapshot: async (vmx, name, signal) => {
      await run(vmrun, ['-T', product, 'snapshot', p(vmx), name], signal);
    },
    export: async (options, source, target, signal) => {
      await run(ovftool!, [...options, p(source), p(target)], signal);
    },
    toolsIsoPath: (flavor) => join(env.TSBUILD_VMWARE_ISO_IMAGES || '/usr/lib/vmware/isoimages', `${flavor}.iso`),
  };
}
