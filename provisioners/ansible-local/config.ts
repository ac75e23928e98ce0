import { statSync } from 'node:fs';
import type { ConfigSchema, PluginConfig } from '../../src/plugin/config-schema.js';
import { T } from '../../src/value/value.js';

export interface AnsibleLocalConfig {
  command: string;
  playbook_file?: string;
  playbook_files: string[];
  playbook_dir?: string;
  playbook_paths: string[];
  extra_arguments: string[];
  group_vars?: string;
  host_vars?: string;
  role_paths: string[];
  staging_directory?: string;
  clean_staging_directory: boolean;
  inventory_file?: string;
  inventory_groups: string[];
  galaxy_file?: string;
  galaxy_command: string;
  galaxy_roles_path?: string;
}

const s = { type: T.string };
const strings = { type: T.list(T.string) };

export const ansibleLocalSchema: ConfigSchema = {
  attributes: {
    command: s,
    playbook_file: s,
    playbook_files: strings,
    playbook_dir: s,
    playbook_paths: strings,
    extra_arguments: strings,
    group_vars: s,
    host_vars: s,
    role_paths: strings,
    staging_directory: s,
    clean_staging_directory: { type: T.bool },
    inventory_file: s,
    inventory_groups: strings,
    galaxy_file: s,
    galaxy_command: s,
    galaxy_roles_path: s,
  },
  validate: validateAnsibleLocal,
};

function exists(path: string, dir: boolean): string | undefined {
  try {
    const st = statSync(path);
    if (dir && !st.isDirectory()) return `${path} must point to a directory`;
    if (!dir && st.isDirectory()) return `${path} is a directory not a file`;
    return undefined;
  } catch {
    return `${path} is invalid: stat ${path}: no such file or directory`;
  }
}

/** Packer's checks, with its messages. */
function validateAnsibleLocal(raw: PluginConfig): { message: string; attribute?: string }[] {
  const c = raw as Partial<AnsibleLocalConfig>;
  const out: { message: string; attribute?: string }[] = [];
  const files = c.playbook_files ?? [];
  if (!c.playbook_file && files.length === 0) out.push({ message: 'Either playbook_file or playbook_files parameter must be specified' });
  if (c.playbook_file && files.length > 0) out.push({ message: 'Either playbook_file or playbook_files can be specified, not both' });
  const check = (key: string, path: string | undefined, dir: boolean) => {
    const problem = path ? exists(path, dir) : undefined;
    if (problem) out.push({ message: `${key}: ${problem}`, attribute: key });
  };
  check('playbook_file', c.playbook_file, false);
  for (const f of files) check('playbook_files', f, false);
  check('playbook_dir', c.playbook_dir, true);
  check('group_vars', c.group_vars, true);
  check('host_vars', c.host_vars, true);
  check('inventory_file', c.inventory_file, false);
  check('galaxy_file', c.galaxy_file, false);
  for (const p of c.role_paths ?? []) check('role_paths', p, true);
  for (const p of c.playbook_paths ?? []) check('playbook_paths', p, true);
  return out;
}

export function resolveAnsibleLocalConfig(raw: PluginConfig, uuid: string): AnsibleLocalConfig {
  const c = raw as Partial<AnsibleLocalConfig>;
  return {
    ...c,
    command: c.command || 'ANSIBLE_FORCE_COLOR=1 PYTHONUNBUFFERED=1 ansible-playbook',
    playbook_files: c.playbook_files ?? [],
    playbook_paths: c.playbook_paths ?? [],
    extra_arguments: c.extra_arguments ?? [],
    role_paths: c.role_paths ?? [],
    inventory_groups: c.inventory_groups ?? [],
    galaxy_command: c.galaxy_command || 'ansible-galaxy',
    staging_directory: c.staging_directory || `/tmp/packer-provisioner-ansible-local/${uuid}`,
    clean_staging_directory: c.clean_staging_directory === true,
  };
}
