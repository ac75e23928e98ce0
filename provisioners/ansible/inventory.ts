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

export async function inventoryText(config: AnsibleConfig, host: InventoryHost): Promise<string> {
  if (config.inventory_file_template) {
    return renderGoTemplate(await readFile(config.inventory_file_template, 'utf8'), { data: { ...host } });
  }
  const line = renderGoTemplate(DEFAULT_LINE, { data: { ...host } });
  let text = line;
  for (const g of config.groups) text += `[${g}]\n${line}`;
  for (const g of config.empty_groups) if (!config.groups.includes(g)) text += `[${g}]\n`;
  return text;
}
