// The inventory ansible-playbook runs against: one host (`host_alias`) with its address, user and port, in
// `groups`, plus `empty_groups`; or the user's `inventory_file_template` (a Go template).

import { readFile } from 'node:fs/promises';
import { renderGoTemplate } from '../../src/gotemplate/index.js';
import type { AnsibleConfig } from './config.js';

export interface InventoryHost {
  HostAlias: string;
  Host: string;
  Port: number;
  User: string;
}

const DEFAULT_LINE = '{{ .HostAlias }} ansible_host={{ .Host }} ansible_user={{ .User }} ansible_port={{ .Port }}\n';
/** Ansible 1.x's names for the same variables. */
const V1_LINE = '{{ .HostAlias }} ansible_ssh_host={{ .Host }} ansible_ssh_user={{ .User }} ansible_ssh_port={{ .Port }}\n';

/** `ansibleMajor`: from the version check; undefined when it was skipped (current Ansible is assumed). */
export async function inventoryText(config: AnsibleConfig, host: InventoryHost, ansibleMajor?: number): Promise<string> {
  if (config.inventory_file_template) {
    return renderGoTemplate(await readFile(config.inventory_file_template, 'utf8'), { data: { ...host } });
  }
  const line = renderGoTemplate(ansibleMajor !== undefined && ansibleMajor < 2 ? V1_LINE : DEFAULT_LINE, { data: { ...host } });
  let text = line;
  for (const g of config.groups) text += `[${g}]\n${line}`;
  for (const g of config.empty_groups) if (!config.groups.includes(g)) text += `[${g}]\n`;
  return text;
}
