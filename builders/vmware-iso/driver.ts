// The only code that talks to VMware: its own command-line tools, run as Packer's Workstation/Player driver runs
// them on Linux (vmrun -T ws|player, vmware-vdiskmanager, ovftool), found on PATH.

import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { runTool, ToolError } from '../../src/steps/floppy/run-tool.js';

export interface VmwareDriver {
  /** `ws` (Workstation) or `player`. */
  readonly product: 'ws' | 'player';
  /** The vmrun program, for the journal (`tsbuild cleanup` stops a machine with it). */
  readonly vmrun?: string;
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

const UNKNOWN_ERROR_NOTE =
  "Packer detected a VMware 'Unknown Error'. Unfortunately VMware\noften has extremely vague error messages such as this and Packer\nitself can't do much about that. Please check the vmware.log files\ncreated by VMware when a VM is started (in the directory of the\nvmx file), which often contains more detailed error information.\n\nYou may need to set the command line flag --on-error=abort to\n\nprevent Packer from cleaning up the vmx file directory.";

/** A tool that exited non-zero, worded as Packer's: what it printed on stderr, else on stdout. */
function vmwareError(e: unknown): never {
  if (!(e instanceof ToolError) || e.result.code === null) throw e;
  const message = e.result.stderr.trim() || e.result.stdout.trim();
  const err = new Error(`VMware error: ${message}`, { cause: e });
  if (/unknown error/i.test(message)) err.message += `\n\n${UNKNOWN_ERROR_NOTE}`;
  throw err;
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
  const run = (cmd: string, args: string[], signal: AbortSignal) => runTool(cmd, args, { signal, env, cwd: o.cwd }).catch(vmwareError);
  const p = o.pathArg;
  return {
    product,
    vmrun,
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
