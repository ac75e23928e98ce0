import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, isAbsolute, join } from 'node:path';
import type { ConfigSchema, PluginConfig } from '../../src/plugin/config-schema.js';
import { T } from '../../src/value/value.js';

export interface AnsibleConfig {
  command: string;
  playbook_file: string;
  extra_arguments: string[];
  ansible_env_vars: string[];
  ansible_ssh_extra_args: string[];
  groups: string[];
  empty_groups: string[];
  host_alias: string;
  user?: string;
  local_port?: number;
  galaxy_file?: string;
  galaxy_command: string;
  galaxy_force_install: boolean;
  roles_path?: string;
  collections_path?: string;
  inventory_file_template?: string;
  inventory_directory?: string;
  inventory_file?: string;
  keep_inventory_file: boolean;
  /** true: always the proxy adapter; false: the target's own SSH server; unset: SSH when the target has one. */
  use_proxy?: boolean;
  ssh_host_key_file?: string;
  ssh_authorized_key_file?: string;
  /** Do not run `command --version` (nor look for the command) before provisioning: Ansible may not be installed yet. */
  skip_version_check: boolean;
  /** Let Ansible transfer files with SFTP; when false (the default) ANSIBLE_SCP_IF_SSH=True makes it use scp, as in Packer. */
  use_sftp: boolean;
  /** With the proxy adapter: the program on the target that serves SFTP, instead of the adapter's own SFTP server. */
  sftp_command?: string;
}

const s = { type: T.string };
const b = { type: T.bool };
const strings = { type: T.list(T.string) };

export const ansibleSchema: ConfigSchema = {
  attributes: {
    command: s,
    playbook_file: s,
    extra_arguments: strings,
    ansible_env_vars: strings,
    ansible_ssh_extra_args: strings,
    groups: strings,
    empty_groups: strings,
    host_alias: s,
    user: s,
    local_port: { type: T.number },
    galaxy_file: s,
    galaxy_command: s,
    galaxy_force_install: b,
    roles_path: s,
    collections_path: s,
    inventory_file_template: s,
    inventory_directory: s,
    inventory_file: s,
    keep_inventory_file: b,
    use_proxy: b,
    ssh_host_key_file: s,
    ssh_authorized_key_file: s,
    skip_version_check: b,
    use_sftp: b,
    sftp_command: s,
  },
  validate: (c) => validateAnsible(c),
};

/** Where `command` (a name or a path) is, or undefined: Go's exec.LookPath. */
export function lookPath(command: string, path: string | undefined): string | undefined {
  const candidates = command.includes('/') ? [command] : (path ?? '').split(delimiter).filter(Boolean).map((d) => join(d, command));
  for (const c of candidates) {
    try {
      accessSync(c, constants.X_OK);
      if (statSync(c).isFile()) return c;
    } catch {
      // not there
    }
  }
  return undefined;
}

function checkFile(c: PluginConfig, key: string, out: { message: string; attribute?: string }[], dir = false): void {
  const v = c[key] as string | undefined;
  if (!v) return;
  try {
    const st = statSync(v);
    if (dir && !st.isDirectory()) out.push({ message: `${key}: ${v} must point to a directory`, attribute: key });
    if (!dir && st.isDirectory()) out.push({ message: `${key}: ${v} is a directory not a file`, attribute: key });
  } catch {
    out.push({ message: `${key}: ${v} is invalid: stat ${v}: no such file or directory`, attribute: key });
  }
}

/**
 * Packer's checks, with its messages. The programs are looked up now, so that a missing ansible-playbook
 * is reported before any machine is created.
 */
function validateAnsible(c: PluginConfig): { message: string; attribute?: string }[] {
  const out: { message: string; attribute?: string }[] = [];
  if (!c.playbook_file) out.push({ message: 'playbook_file: is required', attribute: 'playbook_file' });
  checkFile(c, 'playbook_file', out);
  checkFile(c, 'galaxy_file', out);
  checkFile(c, 'inventory_file_template', out);
  checkFile(c, 'ssh_host_key_file', out);
  checkFile(c, 'ssh_authorized_key_file', out);
  checkFile(c, 'inventory_directory', out, true);
  for (const v of (c.ansible_env_vars as string[] | undefined) ?? []) {
    if (v.indexOf('=') <= 0) out.push({ message: `ansible_env_vars: environment variable not in format 'key=value': ${v}`, attribute: 'ansible_env_vars' });
  }
  const command = (c.command as string | undefined) || 'ansible-playbook';
  const program = command.trim().split(/\s+/)[0]!;
  // With skip_version_check, as in Packer, the command is not looked at before it runs (it may be installed by then).
  if (c.skip_version_check !== true && !lookPath(program, process.env.PATH)) {
    out.push({ message: `Error: exec: "${program}": executable file not found in $PATH (install Ansible, e.g. "apt-get install ansible", or set command)`, attribute: 'command' });
  }
  if (c.galaxy_file) {
    const galaxy = ((c.galaxy_command as string | undefined) || 'ansible-galaxy').trim().split(/\s+/)[0]!;
    if (!lookPath(galaxy, process.env.PATH)) out.push({ message: `Error: exec: "${galaxy}": executable file not found in $PATH`, attribute: 'galaxy_command' });
  }
  return out;
}

/** Packer's defaults. */
export function resolveAnsibleConfig(raw: PluginConfig): AnsibleConfig {
  const c = raw as Partial<AnsibleConfig>;
  return {
    ...c,
    command: c.command || 'ansible-playbook',
    playbook_file: c.playbook_file ?? '',
    extra_arguments: c.extra_arguments ?? [],
    ansible_env_vars: c.ansible_env_vars ?? [],
    ansible_ssh_extra_args: c.ansible_ssh_extra_args ?? ['-o IdentitiesOnly=yes'],
    groups: c.groups ?? [],
    empty_groups: c.empty_groups ?? [],
    host_alias: c.host_alias || 'default',
    galaxy_command: c.galaxy_command || 'ansible-galaxy',
    galaxy_force_install: c.galaxy_force_install === true,
    keep_inventory_file: c.keep_inventory_file === true,
    use_proxy: typeof c.use_proxy === 'boolean' ? c.use_proxy : undefined,
    skip_version_check: c.skip_version_check === true,
    use_sftp: c.use_sftp === true,
    sftp_command: c.sftp_command || undefined,
  };
}

export function absolute(path: string, cwd: string): string {
  return isAbsolute(path) ? path : join(cwd, path);
}
