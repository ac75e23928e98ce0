// The qemu builder's run: Packer's steps, in Packer's order (the output directory is checked first, before any
// download), on the host's QEMU.

import type { SshSettings } from '../../src/communicator/ssh/config.js';
import { sshSettingsOf } from '../../src/communicator/ssh/config.js';
import { runSteps, type Step } from '../../src/engine/steps.js';
import type { Artifact } from '../../src/plugin/artifact.js';
import type { RunContext } from '../../src/plugin/context.js';
import type { ProvisionHook } from '../../src/plugin/plugins.js';
import { stepTypeBootCommand, type BootTarget } from '../../src/steps/boot-command/step.js';
import { sshGeneratedData, stepConnectSsh } from '../../src/steps/connect-ssh.js';
import { stepCreateCd } from '../../src/steps/cd-files/step.js';
import { stepCreateFloppy } from '../../src/steps/floppy/step.js';
import { stepHttpServer } from '../../src/steps/http-server.js';
import { stepDownloadIso } from '../../src/steps/iso/step.js';
import { stepProvision } from '../../src/steps/provision.js';
import { Value } from '../../src/value/value.js';
import { qemuArtifact } from './artifact.js';
import type { QemuConfig } from './config.js';
import { hostQemuDriver, type QemuDriver } from './driver.js';
import { settingsOf } from './settings.js';
import type { QemuState } from './state.js';
import { stepConvertDisk } from './steps/convert-disk.js';
import { stepCreateDisk } from './steps/create-disk.js';
import { stepFindPorts } from './steps/find-ports.js';
import { stepPrepareOutputDir } from './steps/prepare-output-dir.js';
import { stepRunVm } from './steps/run-vm.js';
import { stepShutdown } from './steps/shutdown.js';
import { whileVmRuns } from './steps/while-vm-runs.js';

function sshSettings(s: QemuState): SshSettings {
  const c = s.config;
  return { ...sshSettingsOf(c), host: c.ssh_host || '127.0.0.1', port: s.hostPort ?? c.ssh_port };
}

function bootTarget(s: QemuState): BootTarget {
  const host = s.config.vnc_bind_address === '0.0.0.0' ? '127.0.0.1' : s.config.vnc_bind_address;
  return { vncHost: host, vncPort: s.vncPort ?? 0, vncPassword: s.vncPassword, httpIp: '10.0.2.2', httpPort: s.httpPort ?? 0, name: s.settings.vmName };
}

/** build.Host, Port, User... once the forwarded port is known. */
const stepGeneratedData: Step<QemuState> = {
  name: 'stepGeneratedData',
  run: async (state) => {
    if (state.config.communicator !== 'none') state.data = { ...state.data, ...(await sshGeneratedData(sshSettings(state))) };
  },
};

export async function runQemuBuild(config: QemuConfig, ctx: RunContext, provision: ProvisionHook, driver: QemuDriver = hostQemuDriver): Promise<Artifact> {
  const settings = settingsOf(config, ctx.sourceName, ctx.cwd);
  const state: QemuState = { config, settings, driver, diskPaths: [], data: { ConnType: Value.string(config.communicator) } };
  const steps: Step<QemuState>[] = [
    stepPrepareOutputDir,
    stepDownloadIso<QemuState>((s) => s.config),
    stepCreateFloppy<QemuState>((s) => s.config),
    stepCreateCd<QemuState>((s) => s.config),
    stepHttpServer<QemuState>((s) => s.config),
    stepCreateDisk,
    stepFindPorts,
    stepGeneratedData,
    stepRunVm,
    whileVmRuns(stepTypeBootCommand<QemuState>((s) => s.config, bootTarget)),
  ];
  if (config.communicator !== 'none') steps.push(whileVmRuns(stepConnectSsh<QemuState>(sshSettings)));
  steps.push(stepProvision<QemuState>(provision, (s) => s.comm, (s) => s.data), stepShutdown, stepConvertDisk);
  try {
    await runSteps(steps, state, ctx);
  } finally {
    // Left by -on-error=abort: the VM runs on and the HTTP server serves it while tsbuild lives, without keeping it.
    if (state.vm?.running()) state.vm.release();
    state.httpServer?.unref();
  }
  return qemuArtifact(
    { outputDir: settings.outputDir, outputDirShown: settings.outputDirShown, diskPath: settings.diskPath, format: config.format, diskSize: settings.diskSize, accelerator: settings.accelerator, sourceUrl: state.isoUrl },
    state.data,
  );
}
