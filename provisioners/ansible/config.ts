import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, isAbsolute, join, resolve } from 'node:path';
import { declareConfig, opt, type ConfigOf, type ConfigProblem, type ValidateContext } from '../../src/plugin/config.js';

const ansibleOptions = {
  command: opt.string('The ansible-playbook program (and leading arguments).').defaultIfEmpty('ansible-playbook'),
  playbook_file: opt.string('The playbook to run.').default(''),
  extra_arguments: opt.strings('More arguments for ansible-playbook.').default([]),
  ansible_env_vars: opt.strings('Environment variables for Ansible, as KEY=VALUE.').default([]),
  ansible_ssh_extra_args: opt.strings("Arguments Ansible's ssh gets (--ssh-extra-args).").default(['-o IdentitiesOnly=yes']),
  groups: opt.strings('Inventory groups the machine is in.').default([]),
  empty_groups: opt.strings('Inventory groups without hosts.').default([]),
  host_alias: opt.string("The machine's name in the inventory.").defaultIfEmpty('default'),
  user: opt.string('The user Ansible connects as (default: the communicator user, or this user with the proxy).'),
  local_port: opt.number("The proxy adapter's port (default: any free port)."),
  galaxy_file: opt.string('A requirements file for ansible-galaxy, installed before the playbook.'),
  galaxy_command: opt.string('The ansible-galaxy program.').defaultIfEmpty('ansible-galaxy'),
  galaxy_force_install: opt.bool('Reinstalls roles and collections that are already installed.').default(false),
  roles_path: opt.string('Where galaxy installs roles (ANSIBLE_ROLES_PATH).'),
  collections_path: opt.string('Where galaxy installs collections (ANSIBLE_COLLECTIONS_PATHS).'),
  inventory_file_template: opt.string('A Go template of the inventory ({{ .HostAlias }}, {{ .Host }}, {{ .User }}, {{ .Port }}).'),
  inventory_directory: opt.string('The folder the inventory is written to.'),
  inventory_file: opt.string('An inventory to use instead of the generated one.'),
  keep_inventory_file: opt.bool('Keeps the generated inventory after the run.').default(false),
  use_proxy: opt.bool("true: always through the proxy adapter; false: the target's own SSH server; unset: SSH when the target has it."),
  ssh_host_key_file: opt.string("The proxy adapter's host key (default: generated)."),
  ssh_authorized_key_file: opt.string('The public key the proxy adapter accepts (default: generated).'),
  skip_version_check: opt.bool('Does not run `command --version` (nor look for the command) first: Ansible may be installed later.').default(false),
  use_sftp: opt.bool('Lets Ansible copy files with SFTP; otherwise ANSIBLE_SCP_IF_SSH=True makes it use scp.').default(false),
  sftp_command: opt.string("With the proxy adapter: the target's program that serves SFTP, instead of the adapter's own server."),
};

export type AnsibleConfig = ConfigOf<typeof ansibleOptions>;

/** Where `command` (a name or a path) is, or undefined: Go's exec.LookPath. */
export function lookPath(command: string, path: string | undefined, cwd: string): string | undefined {
  const candidates = command.includes('/') ? [resolve(cwd, command)] : (path ?? '').split(delimiter).filter(Boolean).map((d) => resolve(cwd, d, command));
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

type PathOption = 'playbook_file' | 'galaxy_file' | 'inventory_file_template' | 'ssh_host_key_file' | 'ssh_authorized_key_file' | 'inventory_directory';

function checkFile(c: AnsibleConfig, key: PathOption, cwd: string, out: ConfigProblem[], dir = false): void {
  const v = c[key];
  if (!v) return;
  try {
    const st = statSync(resolve(cwd, v));
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
function validateAnsible(c: AnsibleConfig, ctx: ValidateContext): ConfigProblem[] {
  const out: ConfigProblem[] = [];
  if (!c.playbook_file) out.push({ message: 'playbook_file: is required', attribute: 'playbook_file' });
  checkFile(c, 'playbook_file', ctx.cwd, out);
  checkFile(c, 'galaxy_file', ctx.cwd, out);
  checkFile(c, 'inventory_file_template', ctx.cwd, out);
  checkFile(c, 'ssh_host_key_file', ctx.cwd, out);
  checkFile(c, 'ssh_authorized_key_file', ctx.cwd, out);
  checkFile(c, 'inventory_directory', ctx.cwd, out, true);
  // An empty entry (often a `{{if}}` that is false) sets nothing, as in Packer, whose process start drops it.
  // Packer would also hand other malformed entries to the program as they are, which a Node process cannot.
  for (const v of c.ansible_env_vars) {
    if (v !== '' && v.indexOf('=') <= 0) out.push({ message: `ansible_env_vars: environment variable not in format 'key=value': ${v}`, attribute: 'ansible_env_vars' });
  }
  const program = c.command.trim().split(/\s+/)[0]!;
  // With skip_version_check, as in Packer, the command is not looked at before it runs (it may be installed by then).
  if (!c.skip_version_check && !lookPath(program, ctx.env.PATH, ctx.cwd)) {
    out.push({ message: `Error: exec: "${program}": executable file not found in $PATH (install Ansible, e.g. "apt-get install ansible", or set command)`, attribute: 'command' });
  }
  if (c.galaxy_file) {
    const galaxy = c.galaxy_command.trim().split(/\s+/)[0]!;
    if (!lookPath(galaxy, ctx.env.PATH, ctx.cwd)) out.push({ message: `Error: exec: "${galaxy}": executable file not found in $PATH`, attribute: 'galaxy_command' });
  }
  return out;
}

export const ansibleConfig = declareConfig(ansibleOptions, validateAnsible);

export function absolute(path: string, cwd: string): string {
  return isAbsolute(path) ? path : join(cwd, path);
}
