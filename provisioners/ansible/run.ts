// Runs ansible-playbook on the build host against the machine being built, as Packer's ansible provisioner:
// the target's SSH address (build.Host, build.Port, build.User, build.SSHPrivateKey), or a local SSH server
// that carries Ansible's commands and files over the builder's communicator (`use_proxy`; by default only where the
// target has no SSH server of its own, such as a docker build).

import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { runLocal } from '../../src/engine/run-local.js';
import type { Communicator } from '../../src/plugin/communicator.js';
import type { GeneratedData } from '../../src/plugin/plugins.js';
import type { RunContext } from '../../src/plugin/context.js';
import { startAdapter, type Adapter } from './adapter.js';
import { absolute, type AnsibleConfig } from './config.js';
import { inventoryText, type InventoryHost } from './inventory.js';
import { ansibleMajorVersion } from './version.js';

/** Runs a program on the build host, its output lines shown as messages; resolves with its exit code. */
export function runProgram(argv: string[], env: Record<string, string | undefined>, ctx: RunContext): Promise<number> {
  return runLocal(argv, env, ctx, { stderr: 'message' });
}

function str(data: GeneratedData, key: string): string {
  const v = data[key];
  return v && typeof v.raw === 'string' ? v.raw : v && typeof v.raw === 'number' ? String(v.raw) : '';
}

/** Variables from `ansible_env_vars` over the process environment, with Packer's additions. */
function ansibleEnv(config: AnsibleConfig, ctx: RunContext): Record<string, string | undefined> {
  const env: Record<string, string | undefined> = { ...ctx.env };
  const user: Record<string, string> = {};
  for (const kv of config.ansible_env_vars) if (kv !== '') user[kv.slice(0, kv.indexOf('='))] = kv.slice(kv.indexOf('=') + 1);
  if (config.roles_path) env.ANSIBLE_ROLES_PATH = absolute(config.roles_path, ctx.cwd);
  if (config.collections_path) env.ANSIBLE_COLLECTIONS_PATHS = absolute(config.collections_path, ctx.cwd);
  // The target's host key is new with every build.
  env.ANSIBLE_HOST_KEY_CHECKING ??= 'False';
  // Packer's use_sftp: unless it is true, Ansible copies files with scp.
  if (!config.use_sftp) env.ANSIBLE_SCP_IF_SSH ??= 'True';
  env.PYTHONUNBUFFERED ??= '1';
  return { ...env, ...user };
}

async function installGalaxy(config: AnsibleConfig, env: Record<string, string | undefined>, ctx: RunContext): Promise<void> {
  if (!config.galaxy_file) return;
  const galaxy = config.galaxy_command.trim().split(/\s+/);
  const file = absolute(config.galaxy_file, ctx.cwd);
  const force = config.galaxy_force_install ? ['--force'] : [];
  const roles = [...galaxy, 'install', '-r', file, ...(config.roles_path ? ['-p', absolute(config.roles_path, ctx.cwd)] : []), ...force];
  ctx.ui.message(`Executing Ansible Galaxy: ${roles.join(' ')}`);
  const code = await runProgram(roles, env, ctx);
  if (code !== 0) throw new Error(`Error executing Ansible Galaxy: Non-zero exit status: exit status ${code}`);
  if (config.collections_path) {
    const collections = [...galaxy, 'collection', 'install', '-r', file, '-p', absolute(config.collections_path, ctx.cwd), ...force];
    ctx.ui.message(`Executing Ansible Galaxy: ${collections.join(' ')}`);
    const c = await runProgram(collections, env, ctx);
    if (c !== 0) throw new Error(`Error executing Ansible Galaxy: Non-zero exit status: exit status ${c}`);
  }
}

export interface AnsibleTarget extends InventoryHost {
  /** A private key file for ansible (`--private-key`). */
  keyFile?: string;
  password?: string;
}

/**
 * Writes the inventory and runs the playbook against `target`. `work` is a private temporary folder; `ansibleMajor`
 * is the version check's result (undefined when skipped).
 */
export async function playAgainst(config: AnsibleConfig, target: AnsibleTarget, work: string, ctx: RunContext, ansibleMajor?: number): Promise<void> {
  const env = ansibleEnv(config, ctx);
  await installGalaxy(config, env, ctx);
  const inventoryDir = config.inventory_directory ? absolute(config.inventory_directory, ctx.cwd) : work;
  const inventory = config.inventory_file ? absolute(config.inventory_file, ctx.cwd) : join(inventoryDir, `packer-provisioner-ansible-${process.pid}-${ctx.now().getTime()}.ini`);
  if (!config.inventory_file) await writeFile(inventory, await inventoryText(config, target, ansibleMajor), { mode: 0o600 });
  try {
    const args = [
      '-e', `packer_build_name="${ctx.sourceName}"`,
      '-e', `packer_builder_type=${ctx.builderType}`,
      ...(target.keyFile ? ['-e', `ansible_ssh_private_key_file=${target.keyFile}`] : []),
      ...(target.password ? ['-e', `ansible_password=${target.password}`] : []),
      '--ssh-extra-args', config.ansible_ssh_extra_args.join(' '),
      ...config.extra_arguments,
      '-i', inventory,
      absolute(config.playbook_file, ctx.cwd),
    ];
    const argv = [...config.command.trim().split(/\s+/), ...args];
    ctx.ui.message(`Executing Ansible: ${argv.join(' ')}`);
    const code = await runProgram(argv, env, ctx);
    if (code !== 0) throw new Error(`Error executing Ansible: Non-zero exit status: exit status ${code}`);
  } finally {
    if (config.keep_inventory_file && !config.inventory_file) ctx.ui.message(`Kept inventory file: ${inventory}`);
    else if (!config.inventory_file && inventoryDir !== work) await rm(inventory, { force: true });
  }
}

/**
 * The connection Ansible uses: by default the target's own SSH server when the build reaches it over SSH, else the
 * proxy adapter (a docker build). `use_proxy = true` always takes the adapter (Packer's current default: set it to
 * get Packer's behaviour); `use_proxy = false` falls back to the adapter, with Packer's warnings, only when there is
 * no SSH server to give Ansible.
 */
function useProxy(config: AnsibleConfig, data: GeneratedData, ctx: RunContext): boolean {
  if (config.use_proxy === true) return true;
  const explicit = config.use_proxy === false;
  if (str(data, 'Host') === '') {
    if (explicit) ctx.ui.error('Warning: use_proxy is false, but instance does not have an IP address to give to Ansible. Falling back to use localhost proxy.');
    return true;
  }
  if (str(data, 'ConnType') !== 'ssh') {
    if (explicit) ctx.ui.error('Warning: use_proxy is false, but communicator is neither ssh nor winrm, so without the proxy ansible will not function. Falling back to localhost proxy.');
    return true;
  }
  return false;
}

/** The target's own SSH server, with the communicator's key (or password) and user. */
async function directTarget(config: AnsibleConfig, data: GeneratedData, work: string, ctx: RunContext): Promise<AnsibleTarget> {
  ctx.ui.message('Not using Proxy adapter for Ansible run:\n\tUsing ssh keys from Packer communicator...');
  const key = str(data, 'SSHPrivateKey');
  const keyFile = key ? join(work, 'ansible-key') : undefined;
  if (keyFile) await writeFile(keyFile, key.endsWith('\n') ? key : `${key}\n`, { mode: 0o600 });
  const password = key ? undefined : str(data, 'Password') || undefined;
  return { HostAlias: config.host_alias, Host: str(data, 'Host'), Port: Number(str(data, 'Port') || 22), User: config.user || str(data, 'User'), keyFile, password };
}

export async function runAnsible(config: AnsibleConfig, ctx: RunContext, comm: Communicator | undefined, data: GeneratedData): Promise<void> {
  ctx.ui.say('Provisioning with Ansible...');
  // The version check runs while the connection is prepared; its answer is needed only for the inventory.
  const version = config.skip_version_check ? Promise.resolve(undefined) : ansibleMajorVersion(config.command, ctx);
  version.catch(() => undefined);
  const work = await mkdtemp(join(ctx.tempDir, 'packer-provisioner-ansible'));
  let adapter: Adapter | undefined;
  try {
    let target: AnsibleTarget;
    if (!useProxy(config, data, ctx)) {
      target = await directTarget(config, data, work, ctx);
    } else {
      if (!comm) throw new Error('The ansible provisioner needs a communicator: this builder has none (communicator = "none"); use ansible-local or shell-local instead.');
      ctx.ui.message('Setting up proxy adapter for Ansible....');
      // As in Packer, Ansible logs in to the proxy as the user running the build unless `user` says otherwise;
      // commands run as the communicator's user whatever the name.
      const user = config.user || userInfo().username;
      adapter = await startAdapter(comm, {
        port: config.local_port ?? 0,
        user,
        work,
        hostKeyFile: config.ssh_host_key_file,
        authorizedKeyFile: config.ssh_authorized_key_file,
        sftpCommand: config.sftp_command || undefined,
        ui: ctx.ui,
        signal: ctx.signal,
      });
      ctx.ui.message(`SSH proxy: serving on 127.0.0.1:${adapter.port}`);
      target = { HostAlias: config.host_alias, Host: '127.0.0.1', Port: adapter.port, User: user, keyFile: adapter.keyFile };
    }
    await playAgainst(config, target, work, ctx, await version);
  } finally {
    await adapter?.stop();
    if (!config.keep_inventory_file) await rm(work, { recursive: true, force: true });
  }
}
