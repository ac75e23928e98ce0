import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { declareConfig, opt, type ConfigOf, type ConfigProblem, type ValidateContext } from '../../src/plugin/config.js';

const ansibleLocalOptions = {
  command: opt.string('The ansible-playbook command run on the machine.').defaultIfEmpty('ANSIBLE_FORCE_COLOR=1 PYTHONUNBUFFERED=1 ansible-playbook'),
  playbook_file: opt.string('The playbook to upload and run.'),
  playbook_files: opt.strings('Playbooks to upload and run, in order.').default([]),
  playbook_dir: opt.string('A folder uploaded to the staging folder (roles, variables, files the playbook uses).'),
  playbook_paths: opt.strings('Folders of playbooks referenced by the playbook, uploaded.').default([]),
  extra_arguments: opt.strings('More arguments for ansible-playbook.').default([]),
  group_vars: opt.string('A group_vars folder to upload.'),
  host_vars: opt.string('A host_vars folder to upload.'),
  role_paths: opt.strings('Role folders to upload.').default([]),
  staging_directory: opt.string('The folder on the machine that everything is uploaded to (default: a new one under /tmp).'),
  clean_staging_directory: opt.bool('Removes the staging folder afterwards.').default(false),
  inventory_file: opt.string('An inventory to upload and use.'),
  inventory_groups: opt.strings('Groups of the generated inventory that the machine is in.').default([]),
  galaxy_file: opt.string('A requirements file for ansible-galaxy, installed before the playbook.'),
  galaxy_command: opt.string('The ansible-galaxy command run on the machine.').defaultIfEmpty('ansible-galaxy'),
  galaxy_roles_path: opt.string('Where galaxy installs roles on the machine.'),
};

export type AnsibleLocalConfig = ConfigOf<typeof ansibleLocalOptions>;

function exists(path: string, dir: boolean, cwd: string): string | undefined {
  try {
    const st = statSync(resolve(cwd, path));
    if (dir && !st.isDirectory()) return `${path} must point to a directory`;
    if (!dir && st.isDirectory()) return `${path} is a directory not a file`;
    return undefined;
  } catch {
    return `${path} is invalid: stat ${path}: no such file or directory`;
  }
}

/** Packer's checks, with its messages. */
function validateAnsibleLocal(c: AnsibleLocalConfig, ctx: ValidateContext): ConfigProblem[] {
  const out: ConfigProblem[] = [];
  const files = c.playbook_files;
  if (!c.playbook_file && files.length === 0) out.push({ message: 'Either playbook_file or playbook_files parameter must be specified' });
  if (c.playbook_file && files.length > 0) out.push({ message: 'Either playbook_file or playbook_files can be specified, not both' });
  const check = (key: string, path: string | undefined, dir: boolean) => {
    const problem = path ? exists(path, dir, ctx.cwd) : undefined;
    if (problem) out.push({ message: `${key}: ${problem}`, attribute: key });
  };
  check('playbook_file', c.playbook_file, false);
  for (const f of files) check('playbook_files', f, false);
  check('playbook_dir', c.playbook_dir, true);
  check('group_vars', c.group_vars, true);
  check('host_vars', c.host_vars, true);
  check('inventory_file', c.inventory_file, false);
  check('galaxy_file', c.galaxy_file, false);
  for (const p of c.role_paths) check('role_paths', p, true);
  for (const p of c.playbook_paths) check('playbook_paths', p, true);
  return out;
}

export const ansibleLocalConfig = declareConfig(ansibleLocalOptions, validateAnsibleLocal);
