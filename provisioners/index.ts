import type { ProvisionerPlugin } from '../src/plugin/plugins.js';
import { ansibleProvisioner } from './ansible/index.js';
import { ansibleLocalProvisioner } from './ansible-local/index.js';
import { breakpointProvisioner } from './breakpoint/index.js';
import { fileProvisioner } from './file/index.js';
import { shellProvisioner } from './shell/index.js';
import { shellLocalProvisioner } from './shell-local/index.js';

/** Provisioners by Packer type name. */
export const provisioners: Readonly<Record<string, ProvisionerPlugin>> = {
  'shell-local': shellLocalProvisioner,
  shell: shellProvisioner,
  file: fileProvisioner,
  ansible: ansibleProvisioner,
  'ansible-local': ansibleLocalProvisioner,
  breakpoint: breakpointProvisioner,
};
