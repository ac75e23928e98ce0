import type { SshCommunicator } from '../../src/communicator/ssh/communicator.js';
import type { GeneratedData } from '../../src/plugin/plugins.js';
import type { GceDriver, ImageInfo } from '../../src/providers/gcp/driver.js';
import type { GceAccess } from '../../src/providers/gcp/journal-data.js';
import type { GooglecomputeConfig } from './config.js';

/** What the googlecompute steps share. Steps replace `data` (never change it in place) as they learn more. */
export interface GceState {
  config: GooglecomputeConfig;
  driver: GceDriver;
  /** Where the journal's records say the resources are. */
  access: GceAccess;
  zone: string;
  /** image_name, rendered (default packer-<timestamp>). */
  imageName: string;
  instanceName: string;
  diskName: string;
  /** state_timeout in ms. */
  stateTimeoutMs: number;
  /** The temporary key (or ssh_private_key_file's) and the public line that goes in `ssh-keys`. */
  privateKey?: string;
  publicKey?: string;
  /** The temporary key imported into an OS Login profile (use_os_login): whose, its fingerprint, its journal entry. */
  osLogin?: { user: string; fingerprint: string; record: string };
  /** The user SSH logs in as, when OS Login names it (else ssh_username). */
  sshUsername?: string;
  sourceImage?: ImageInfo;
  /** Journal entries of the boot disk and the instance; the insert's requestId, and its operation once known. */
  diskRecord?: string;
  instanceRecord?: string;
  instanceOperation?: string;
  /** The instance exists (or may: its insert was sent) and is not deleted yet. */
  instanceLive: boolean;
  /** The boot disk exists (or may) and is not deleted yet. */
  diskLive: boolean;
  host?: string;
  comm?: SshCommunicator;
  /** The image being made: journal entry, insert operation, and the image once READY. */
  imageRecord?: string;
  imageOperation?: string;
  image?: ImageInfo;
  data: GeneratedData;
}
