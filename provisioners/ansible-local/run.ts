// Runs Ansible on the machine being built, as Packer's ansible-local provisioner: the playbooks, playbook_dir,
// roles, group/host variables and galaxy file go to the staging folder, then ansible-playbook runs there
// with a local connection.

import { basename, posix, resolve } from 'node:path';
import type { Communicator } from '../../src/plugin/communicator.js';
import { trackRemoteFiles, type RemoteFiles } from '../../src/communicator/remote-files.js';
import type { RunContext } from '../../src/plugin/context.js';
import type { AnsibleLocalConfig } from './config.js';

function quote(s: string): string {
  return `'${s.replaceAll("'", `'"'"'`)}'`;
}

async function remote(comm: Communicator, ctx: RunContext, command: string, what: string): Promise<void> {
  const { exitCode } = await comm.run(command, { stdout: (l) => ctx.ui.message(l), stderr: (l) => ctx.ui.message(l), signal: ctx.signal });
  if (exitCode !== 0) throw new Error(`${what}: Non-zero exit status: ${exitCode}`);
}

async function uploadDir(comm: Communicator, ctx: RunContext, local: string, dst: string): Promise<void> {
  await remote(comm, ctx, `mkdir -p ${quote(dst)}`, `Error creating directory: ${dst}`);
  await comm.upload(resolve(ctx.cwd, local) + '/', dst, ctx.signal);
}

/** Runs the playbooks from `staging`, the folder on the machine everything is uploaded to. */
export async function runAnsibleLocal(config: AnsibleLocalConfig, staging: string, ctx: RunContext, comm: Communicator | undefined): Promise<void> {
  if (!comm) throw new Error('The ansible-local provisioner needs a communicator: this builder has none (communicator = "none").');
  ctx.ui.say('Provisioning with Ansible...');
  ctx.ui.message(`Creating Ansible staging directory...`);
  ctx.ui.message(`Creating directory: ${staging}`);
  // With clean_staging_directory the staging folder is temporary: written down before it is made, removed even
  // after a failure or a cancel. Without, it stays on the machine, as in Packer.
  const temporary = trackRemoteFiles(comm, ctx);
  if (config.clean_staging_directory) temporary.add(staging, { folder: true });
  try {
    await stageAndRun(config, staging, ctx, comm, temporary);
  } finally {
    await temporary.removeLeft();
  }
}

/** Makes the staging folder, uploads everything there and runs the playbooks; removes the folder if asked to. */
async function stageAndRun(config: AnsibleLocalConfig, staging: string, ctx: RunContext, comm: Communicator, temporary: RemoteFiles): Promise<void> {
  await remote(comm, ctx, `mkdir -p ${quote(staging)}`, `Error creating staging directory`);
  if (config.playbook_dir) {
    ctx.ui.message('Uploading Playbook directory to Ansible staging directory...');
    await uploadDir(comm, ctx, config.playbook_dir, staging);
  }
  const playbooks = config.playbook_file ? [config.playbook_file] : config.playbook_files;
  ctx.ui.message('Uploading main Playbook file...');
  for (const p of playbooks) await comm.upload(resolve(ctx.cwd, p), posix.join(staging, basename(p)), ctx.signal);
  const inventory = config.inventory_file ? posix.join(staging, basename(config.inventory_file)) : posix.join(staging, 'packer-provisioner-ansible-local-inventory');
  if (config.inventory_file) {
    ctx.ui.message('Uploading inventory file...');
    await comm.upload(resolve(ctx.cwd, config.inventory_file), inventory, ctx.signal);
  } else {
    const text = config.inventory_groups.length > 0 ? config.inventory_groups.map((g) => `[${g}]\n127.0.0.1\n`).join('') : '127.0.0.1\n';
    await comm.uploadContent(text, inventory, ctx.signal);
  }
  if (config.group_vars) {
    ctx.ui.message('Uploading group_vars directory...');
    await uploadDir(comm, ctx, config.group_vars, posix.join(staging, 'group_vars'));
  }
  if (config.host_vars) {
    ctx.ui.message('Uploading host_vars directory...');
    await uploadDir(comm, ctx, config.host_vars, posix.join(staging, 'host_vars'));
  }
  for (const r of config.role_paths) {
    ctx.ui.message('Uploading role directories...');
    await uploadDir(comm, ctx, r, posix.join(staging, 'roles', basename(r.replace(/\/+$/, ''))));
  }
  for (const p of config.playbook_paths) {
    ctx.ui.message('Uploading additional Playbooks...');
    await uploadDir(comm, ctx, p, posix.join(staging, 'playbooks', basename(p.replace(/\/+$/, ''))));
  }
  if (config.galaxy_file) {
    const galaxy = posix.join(staging, basename(config.galaxy_file));
    ctx.ui.message('Uploading galaxy file...');
    await comm.upload(resolve(ctx.cwd, config.galaxy_file), galaxy, ctx.signal);
    const rolesPath = config.galaxy_roles_path || posix.join(staging, 'galaxy_roles');
    const command = `cd ${quote(staging)} && ${config.galaxy_command} install -r ${quote(galaxy)} -p ${quote(rolesPath)}`;
    ctx.ui.message(`Executing Ansible Galaxy: ${command}`);
    await remote(comm, ctx, command, 'Error executing Ansible Galaxy');
  }
  for (const p of playbooks) {
    const extraVars = `--extra-vars "packer_build_name=${ctx.sourceName} packer_builder_type=${ctx.builderType}"`;
    const args = [posix.join(staging, basename(p)), extraVars, '-c local', `-i ${quote(inventory)}`, ...config.extra_arguments].join(' ');
    const command = `cd ${quote(staging)} && ${config.command} ${args}`;
    ctx.ui.message(`Executing Ansible: ${command}`);
    await remote(comm, ctx, command, 'Error executing Ansible');
  }
  if (config.clean_staging_directory) {
    ctx.ui.message('Removing staging directory...');
    await remote(comm, ctx, `rm -rf ${quote(staging)}`, 'Error removing staging directory');
    temporary.gone([staging]);
  }
}
