import { statSync } from 'node:fs';
import type { ConfigSchema, PluginConfig } from '../../src/plugin/config-schema.js';
import { T } from '../../src/value/value.js';

export interface ShellLocalConfig {
  command?: string;
  inline?: string[];
  script?: string;
  scripts?: string[];
  environment_vars?: string[];
  env?: Record<string, string>;
  execute_command?: string[];
  inline_shebang?: string;
  only_on?: string[];
  use_linux_pathing?: boolean;
  valid_exit_codes?: number[];
  env_var_format?: string;
  tempfile_extension?: string;
}

const strings = { type: T.list(T.string) };

/** shell-local's settings, for the provisioner and the post-processor alike. */
export const shellLocalSchema: ConfigSchema = {
  attributes: {
    command: { type: T.string },
    inline: strings,
    script: { type: T.string },
    scripts: strings,
    environment_vars: strings,
    env: { type: T.map(T.string) },
    execute_command: strings,
    inline_shebang: { type: T.string },
    only_on: strings,
    use_linux_pathing: { type: T.bool },
    valid_exit_codes: { type: T.list(T.number) },
    env_var_format: { type: T.string },
    tempfile_extension: { type: T.string },
  },
  validate: validateShellLocal,
};

/** Packer's checks, with its messages: exactly one source of commands, scripts that exist, KEY=VALUE variables. */
function validateShellLocal(raw: PluginConfig): { message: string; attribute?: string }[] {
  const c = raw as ShellLocalConfig;
  const out: { message: string; attribute?: string }[] = [];
  const given = [c.command !== undefined, c.inline !== undefined, c.script !== undefined, c.scripts !== undefined].filter(Boolean).length;
  if (given > 1) out.push({ message: 'Command, Inline, Script and Scripts options cannot be used together.' });
  if (given === 0) out.push({ message: 'One of command, inline, script, or scripts must be specified.' });
  const scripts = [...(c.script !== undefined ? [c.script] : []), ...(c.scripts ?? [])];
  for (const s of scripts) {
    try {
      statSync(s);
    } catch (e) {
      const reason = (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file or directory' : (e as Error).message;
      out.push({ message: `Bad script '${s}': stat ${s}: ${reason}`, attribute: c.script !== undefined ? 'script' : 'scripts' });
    }
  }
  for (const v of c.environment_vars ?? []) {
    const i = v.indexOf('=');
    if (i <= 0) out.push({ message: `Environment variable not in format 'key=value': ${v}`, attribute: 'environment_vars' });
  }
  if (c.execute_command !== undefined && c.execute_command.length === 0) out.push({ message: 'execute_command must not be empty', attribute: 'execute_command' });
  return out;
}
