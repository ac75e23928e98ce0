// The vmware-iso builder's run: Packer's steps, in Packer's order, on VMware Workstation/Player's tools.

import { isAbsolute, relative, resolve } from 'node:path';
import { sshSettingsOf } from '../../src/communicator/ssh/config.js';
import { runSteps, type Step } from '../../src/engine/steps.js';
import type { Artifact } from '../../src/plugin/artifact.js';
import type { RunContext } from '../../src/plugin/context.js';
import type { ProvisionHook } from '../../src/plugin/plugins.js';
import { stepTypeBootCommand } from '../../src/steps/boot-command/step.js';
import { stepCreateCd } from '../../src/steps/cd-files/step.js';
import { stepConnectSsh, sshGeneratedData } from '../../src/steps/connect-ssh.js';
import { stepCreateFloppy } from '../../src/steps/floppy/step.js';
import { stepHttpServer } from '../../src/steps/http-server.js';
import { stepDownloadIso } from '../../src/steps/iso/step.js';
import { stepProvision } from '../../src/steps/provision.js';
import { vmwareArtifact } from './artifact.js';
import type { VmwareIsoConfig } from './config.js';
import { openVmwareDriver, type VmwareDriver } from './driver.js';
import { vmwareConfigDir } from './networks.js';
import type { VmwareState } from './state.js';
import { stepConfigureVmx } from './steps/configure-vmx.js';
import { stepConfigureVnc } from './steps/configure-vnc.js';
import { stepCreateDisks } from './steps/create-disks.js';
import { stepCreateVmx } from './steps/create-vmx.js';
import { exports, listFiles, stepCleanFiles, stepCleanVmx, stepCompactDisk, stepExport, stepSnapshot } from './steps/finish.js';
import { stepGuestIp } from './steps/guest-ip.js';
import { stepHttpIpDiscover } from './steps/http-ip.js';
import { stepOutputDir } from './steps/output-dir.js';
import { stepRunVm } from './steps/run-vm.js';
import { stepShutdown } from './steps/shutdown.js';
import { stepPrepareTools, stepUploadTools } from './steps/tools.js';

function steps(config: VmwareIsoConfig, provision: ProvisionHook): Step<VmwareState>[] {
  const list: Step<VmwareState>[] = [
    stepPrepareTools,
    stepDownloadIso<VmwareState>((s) => s.config),
    stepOutputDir,
    stepCreateFloppy<VmwareState>((s) => s.config),
    stepCreateCd<VmwareState>((s) => s.config),
    stepCreateDisks,
    stepCreateVmx,
    stepConfigureVmx((s) => s.config.vmx_data, true),
    stepHttpIpDiscover,
    stepHttpServer<VmwareState>((s) => s.config),
    stepConfigureVnc,
    stepRunVm,
    stepTypeBootCommand<VmwareState>(
      (s) => s.config,
      (s) => ({ vncHost: s.vncIp!, vncPort: s.vncPort!, vncPassword: s.vncPassword, httpIp: s.httpIp ?? '', httpPort: s.httpPort ?? 0, name: s.vmName }),
    ),
  ];
  if (config.communicator !== 'none') {
    const base = sshSettingsOf(config);
    const settings = (s: VmwareState) => ({ ...base, host: s.host!, timeoutMs: s.sshDeadline ? Math.max(s.sshDeadline - Date.now(), 1) : base.timeoutMs });
    list.push(stepGuestIp, stepConnectSsh<VmwareState>(settings), {
      name: 'StepSetGeneratedData',
      run: async (s) => {
        s.data = { ...(await sshGeneratedData({ ...base, host: s.host! })), ...s.data };
      },
    });
  }
  list.push(stepUploadTools, stepProvision<VmwareState>(provision, (s) => s.comm, (s) => s.data));
  list.push(stepShutdown, stepCleanFiles, stepCompactDisk, stepConfigureVmx((s) => s.config.vmx_data_post, false), stepCleanVmx, stepSnapshot, stepExport);
  return list;
}

/** Runs the build with VMware's tools found on PATH (or `driver`). */
export async function runVmwareIso(config: VmwareIsoConfig, ctx: RunContext, provision: ProvisionHook, driver?: VmwareDriver): Promise<Artifact> {
  const dir = config.output_directory || `output-${ctx.sourceName}`;
  const shown = (p: string) => (isAbsolute(dir) ? p : relative(ctx.cwd, p));
  driver ??= openVmwareDriver(ctx.env, { needOvftool: exports(config), cwd: ctx.cwd, pathArg: shown });
  const vmName = config.vm_name || `packer-${ctx.sourceName}`;
  const state: VmwareState = {
    config,
    driver,
    vmName,
    outputDir: resolve(ctx.cwd, dir),
    shown,
    vmwareConfigDir: vmwareConfigDir(ctx.env),
    diskPaths: [],
    temporaryDevices: [],
    data: {},
  };
  await runSteps(steps(config, provision), state, ctx);
  const format = config.format || 'vmx';
  return vmwareArtifact({
    dir,
    absoluteDir: state.outputDir,
    files: await listFiles(state.outputDir),
    vmName,
    format,
    image: exports(config) ? resolve(state.outputDir, `${vmName}.${format}`) : state.vmxPath!,
    cwd: ctx.cwd,
    labels: { guest_os_type: config.guest_os_type, vmware_product: driver.product },
    generatedData: Object.freeze({ ...state.data }),
  });
}
