import type { SshCommunicator } from '../../src/communicator/ssh/communicator.js';
import type { GeneratedData } from '../../src/plugin/plugins.js';
import type { CdState } from '../../src/steps/cd-files/step.js';
import type { FloppyState } from '../../src/steps/floppy/step.js';
import type { HttpState } from '../../src/steps/http-server.js';
import type { IsoState } from '../../src/steps/iso/step.js';
import type { QemuConfig } from './config.js';
import type { QemuDriver, VmProcess } from './driver.js';
import type { QemuSettings } from './settings.js';

/** What the qemu builder's steps share. */
export interface QemuState extends IsoState, HttpState, FloppyState, CdState {
  config: QemuConfig;
  settings: QemuSettings;
  driver: QemuDriver;
  /** The output directory was created by this build (removed again when the build fails). */
  outputDirCreated?: boolean;
  /** The disks the VM gets, the first one first. */
  diskPaths: string[];
  /** The host port forwarded to the guest's SSH port. */
  hostPort?: number;
  vncPort?: number;
  /** The VNC password set through QMP (vnc_use_password). */
  vncPassword?: string;
  vm?: VmProcess;
  /** The VM process's entry in the run's journal. */
  vmRecord?: string;
  comm?: SshCommunicator;
  data: GeneratedData;
}
