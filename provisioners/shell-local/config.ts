import { statProblem } from '../../src/plugin/check-path.js';
import { declareConfig, opt, type ConfigOf, type ConfigProblem, type ValidateContext } from '../../src/plugin/config.js';

const shellLocalOptions = {
  command: opt.string('A single command to run.'),
  inline: opt.strings('Commands to run, one per line of a script (with inline_shebang).'),
  script: opt.string('A local script to run.'),
  scripts: opt.strings('Local scripts to run, in order.'),
  environment_vars: opt.strings('Environment variables for the commands, as KEY=VALUE.'),
  env: opt.stringMap('Environment variables for the commands, by name.'),
  execute_command: opt.strings('The program and arguments that run a script ({{.Vars}}, {{.Script}}).').default(['/bin/sh', '-c', '{{.Vars}} {{.Script}}']),
  inline_shebang: opt.string('The shebang line of the inline script.').default('/bin/sh -e'),
  only_on: opt.strings('Runs only on these operating systems (linux, darwin, windows...).'),
  use_linux_pathing: opt.bool('Windows Subsystem for Linux paths (Windows only).'),
  valid_exit_codes: opt.numbers('Exit statuses that count as success.').default([0]),
  env_var_format: opt.string('How each variable is written into {{.Vars}}.').default("%s='%s' "),
  tempfile_extension: opt.string('The extension of the inline script file.').default(''),
};

export type ShellLocalConfig = ConfigOf<typeof shellLocalOptions>;

/** Packer's checks, with its messages: exactly one source of commands, scripts that exist, KEY=VALUE variables. */
function validateShellLocal(c: ShellLocalConfig, ctx: ValidateContext): ConfigProblem[] {
  const out: ConfigProblem[] = [];
  const given = [c.command !== undefined, c.inline !== undefined, c.script !== undefined, c.scripts !== undefined].filter(Boolean).length;
  if (given > 1) out.push({ message: 'Command, Inline, Script and Scripts options cannot be used together.' });
  if (given === 0) out.push({ message: 'One of command, inline, script, or scripts must be specified.' });
  const scripts = [...(c.script !== undefined ? [c.script] : []), ...(c.scripts ?? [])];
  for (const s of scripts) {
    const problem = statProblem(s, ctx);
    if (problem) out.push({ message: `Bad script '${s}': ${problem}`, attribute: c.script !== undefined ? 'script' : 'scripts' });
  }
  for (const v of c.environment_vars ?? []) {
    const i = v.indexOf('=');
    if (i <= 0) out.push({ message: `Environment variable not in format 'key=value': ${v}`, attribute: 'environment_vars' });
  }
  if (c.execute_command.length === 0) out.push({ message: 'execute_command must not be empty', attribute: 'execute_command' });
  return out;
}

/** shell-local's settings, for the provisioner and the post-processor alike. */
export const shellLocalConfig = declareConfig(shellLocalOptions, validateShellLocal);
