import { declareConfig, opt, type ConfigOf, type ConfigProblem, type ValidateContext } from '../../src/plugin/config.js';
import { statProblem } from '../../src/plugin/check-path.js';
import { parseDuration } from '../../src/template/duration.js';

const shellOptions = {
  inline: opt.strings('Commands to run, one per line of a script (with inline_shebang).'),
  script: opt.string('A local script to upload and run.'),
  scripts: opt.strings('Local scripts to upload and run, in order.'),
  environment_vars: opt.strings('Environment variables for the scripts, as KEY=VALUE.'),
  env: opt.stringMap('Environment variables for the scripts, by name.'),
  env_var_format: opt.string("How each variable is written into {{.Vars}} (default \"%s='%s' \", or \"export %s='%s'\\n\" with use_env_var_file)."),
  execute_command: opt.string('The command that runs a script ({{.Vars}}, {{.Path}}, {{.EnvVarFile}}).'),
  inline_shebang: opt.string('The shebang line of the inline script.').default('/bin/sh -e'),
  remote_folder: opt.string('The folder scripts are uploaded to.').defaultIfEmpty('/tmp'),
  remote_file: opt.string('The name scripts are uploaded as (default: script_<random>.sh).'),
  remote_path: opt.string('The full path scripts are uploaded to (default: remote_folder/remote_file).'),
  skip_clean: opt.bool('Leaves the uploaded scripts on the machine.'),
  expect_disconnect: opt.bool('Accepts that the connection drops while a script runs (a reboot).'),
  valid_exit_codes: opt.numbers('Exit statuses that count as success.').default([0]),
  start_retry_timeout: opt.string('How long to retry starting a script while the machine is unreachable (default "5m").'),
  use_env_var_file: opt.bool('Writes the variables to a file the command sources ({{.EnvVarFile}}).'),
  pause_after: opt.string('How long to wait after the last script.'),
  binary: opt.bool('Uploads scripts as they are, without turning CRLF line endings into LF.'),
};

export type ShellConfig = ConfigOf<typeof shellOptions>;

/** The scripts to run, `script` first. */
export function scriptsOf(c: ShellConfig): string[] {
  return [...(c.script ? [c.script] : []), ...(c.scripts ?? [])];
}

/** Packer's checks, with its messages. */
function validateShell(c: ShellConfig, ctx: ValidateContext): ConfigProblem[] {
  const out: ConfigProblem[] = [];
  if (c.script && c.scripts && c.scripts.length > 0) out.push({ message: 'Only one of script or scripts can be specified.' });
  const scripts = scriptsOf(c);
  if (scripts.length === 0 && c.inline === undefined) out.push({ message: 'Either a script file or inline script must be specified.' });
  else if (scripts.length > 0 && c.inline !== undefined) out.push({ message: 'Only a script file or an inline script can be specified, not both.' });
  for (const s of scripts) {
    const problem = statProblem(s, ctx);
    if (problem) out.push({ message: `Bad script '${s}': ${problem}`, attribute: c.script ? 'script' : 'scripts' });
  }
  for (const kv of c.environment_vars ?? []) {
    if (kv.indexOf('=') <= 0) out.push({ message: `Environment variable not in format 'key=value': ${kv}`, attribute: 'environment_vars' });
  }
  for (const key of ['start_retry_timeout', 'pause_after'] as const) {
    const v = c[key];
    if (v !== undefined && v !== '' && parseDuration(v) === undefined) out.push({ message: `Failed parsing ${key}: time: invalid duration "${v}"`, attribute: key });
  }
  return out;
}

export const shellConfig = declareConfig(shellOptions, validateShell);

/** Where scripts are uploaded: `remote_file` gets a random name once per provisioner, as in Packer. */
export function remotePathOf(c: ShellConfig, random: () => number): string {
  return c.remote_path || `${c.remote_folder}/${c.remote_file || `script_${Math.floor(random() * 9999)}.sh`}`;
}
