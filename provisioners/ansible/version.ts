// Packer's version check (skipped with `skip_version_check`): `<command> --version` must run and print a version;
// an Ansible older than 2 gets the inventory variables of its time (ansible_ssh_host...).

import { execFile } from 'node:child_process';
import { CancelledError } from '../../src/engine/cancel.js';
import type { RunContext } from '../../src/plugin/context.js';

/** The major version of the Ansible `command` runs; throws with Packer's messages when it cannot be found. */
export async function ansibleMajorVersion(command: string, ctx: RunContext): Promise<number> {
  const argv = [...command.trim().split(/\s+/), '--version'];
  let out: string;
  try {
    out = await new Promise<string>((resolve, reject) =>
      execFile(argv[0]!, argv.slice(1), { cwd: ctx.cwd, env: ctx.env as NodeJS.ProcessEnv, signal: ctx.signal, maxBuffer: 1 << 20 }, (err, stdout) => (err ? reject(err) : resolve(stdout))),
    );
  } catch (e) {
    if (ctx.signal.aborted) throw new CancelledError();
    const code = (e as { code?: unknown }).code;
    throw new Error(`Error running "${command} --version": ${typeof code === 'number' ? `exit status ${code}` : (e as Error).message}`);
  }
  const found = /\w (\d+\.\d+[.\d+]*)/.exec(out);
  if (!found) throw new Error(`Could not find ${command} version in output:\n${out}`);
  return Number(found[1]!.split('.')[0]);
}
