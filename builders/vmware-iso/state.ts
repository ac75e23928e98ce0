import type { SshCommunicator } from '../../src/communicator/ssh/communicator.js';
import type { GeneratedData } from '../../src/plugin/plugins.js';
import type { CdState } from '../../src/steps/cd-files/step.js';
import type { FloppyState } from '../../src/steps/floppy/step.js';
import type { HttpState } from '../../src/steps/http-server.js';
import type { IsoState } from '../../src/steps/iso/step.js';
import type { VmwareIsoConfig } from './config.js';
import type { VmwareDriver } from './driver.js';

/** What the vmware-iso builder's steps share. */
export interface VmwareState extends IsoState, HttpState, FloppyState, CdState {
  config: VmwareIsoConfig;
  driver: VmwareDriver;
  /** vm_name, or packer-<build name>. */
  vmName: string;
  /** The output directory, absolute. */
  outputDir: string;
  /** A path in it as Packer shows it: relative to the working folder when the template's directory is relative. */
  shown(path: string): string;
  /** VMware's network files (netmap.conf, dhcpd.conf, leases). */
  vmwareConfigDir: string;
  /** The disks made, main one first. */
  diskPaths: string[];
  vmxPath?: string;
  /** .vmx devices the build attached for itself (the ISO's CD-ROM, the floppy), detached at the end. */
  temporaryDevices: string[];
  /** The network the machine is on (nat...), for its addresses. */
  network?: string;
  /** The host's address on that network ({{.HTTPIP}}). */
  httpIp?: string;
  vncIp?: string;
  vncPort?: number;
  vncPassword?: string;
  /** Set once `vmrun start` was run: the machine is stopped at cleanup. */
  started?: boolean;
  /** The machine's entry in the run's journal, while it may be running. */
  vmRecord?: string;
  /** The machine's address for SSH. */
  host?: string;
  /** When ssh_timeout, counted from the first look for the machine's address, runs out (epoch ms). */
  sshDeadline?: number;
  comm?: SshCommunicator;
  data: GeneratedData;
}
