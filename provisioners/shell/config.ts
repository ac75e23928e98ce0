import { statSync } from 'node:fs';
import type { ConfigSchema, PluginConfig } from '../../src/plugin/config-schema.js';
import { parseDuration } from '../../src/template/duration.js';
import { T } from '../../src/value/value.js';

export interface ShellConfig {
  inline?: string[];
  script?: string;
  scripts?: string[];
  environment_vars?: string[];
  env?: Record<string, string>;
  env_var_format?: string;
  execute_command?: string;
  inline_shebang?: string;
  remote_folder?: string;
  remote_file?: string;
  remote_path?: string;
  skip_clean?: boolean;
  expect_disconnect?: boolean;
  valid_exit_codes?: number[];
  start_retry_timeout?: string;
  use_env_var_file?: boolean;
  pause_after?: string;
  binary?: boolean;
}

const strings = { type: T.list(T.string) };

export const shellSchema: ConfigSchema = {
  attributes: {
    inline: strings,
    script: { type: T.string },
    scripts: strings,
    environment_vars: strings,
    env: { type: T.map(T.string) },
    env_var_format: { type: T.string },
    execute_command: { type: T.string },
    inline_shebang: { type: T.string },
    remote_folder: { type: T.string },
    remote_file: { type: T.string },
    remote_path: { type: T.string },
    skip_clean: { type: T.bool },
    expect_disconnect: { type: T.bool },
    valid_exit_codes: { type: T.list(T.number) },
    start_retry_timeout: { type: T.string },
    use_env_var_file: { type: T.bool },
    pause_after: { type: T.string },
    binary: { type: T.bool },
  },
  validate: (c) => validateShell(c as ShellConfig),
};

type Problem = { message: string; attribute?: string };

/** The scripts to run, `script` first. */
export function scriptsOf(c: ShellConfig): string[] {
  return [...(c.script ? [c.script] : []), ...(c.scripts ?? [])];
}

/** Packer's checks, with its messages. */
function validateShell(c: ShellConfig): Problem[] {
  const out: Problem[] = [];
  if (c.script && c.scripts && c.scripts.length > 0) out.push({ message: 'Only one of script or scripts can be specified.' });
  const scripts = scriptsOf(c);
  if (scripts.length === 0 && c.inline === undefined) out.push({ message: 'Either a script file or inline script must be specified.' });
  else if (scripts.length > 0 && c.inline !== undefined) out.push({ message: 'Only a script file or an inline script can be specified, not both.' });
  for (const s of scripts) {
    try {
      statSync(s);
    } catch (e) {
      const reason = (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file or directory' : (e as Error).message;
      out.push({ message: `Bad script '${s}': stat ${s}: ${reason}`, attribute: c.script ? 'script' : 'scripts' });
    }
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

export interface ResolvedShellConfig extends ShellConfig {
  execute_command: string;
  env_var_format: string;
  inline_shebang: string;
  remote_path: string;
  valid_exit_codes: number[];
  startRetryTimeoutMs: number;
  pauseAfterMs: number;
}

/** Packer's defaults; `remote_file` gets a random name once per provisioner, as in Packer. */
export function resolveShellConfig(raw: PluginConfig, random: () => number = Math.random): ResolvedShellConfig {
  const c = raw as ShellConfig;
  const remoteFolder = c.remote_folder || '/tmp';
  const remoteFile = c.remote_file || `script_${Math.floor(random() * 9999)}.sh`;
  return {
    ...c,
    execute_command: c.execute_command || (c.use_env_var_file ? 'chmod +x {{.Path}}; . {{.EnvVarFile}} && {{.Path}}' : 'chmod +x {{.Path}}; {{.Vars}} {{.Path}}'),
    env_var_format: c.env_var_format || (c.use_env_var_file ? "export %s='%s'\n" : "%s='%s' "),
    inline_shebang: c.inline_shebang ?? '/bin/sh -e',
    remote_path: c.remote_path || `${remoteFolder}/${remoteFile}`,
    valid_exit_codes: c.valid_exit_codes ?? [0],
    startRetryTimeoutMs: c.start_retry_timeout ? parseDuration(c.start_retry_timeout) ?? 300_000 : 300_000,
    pauseAfterMs: c.pause_after ? parseDuration(c.pause_after) ?? 0 : 0,
  };
}
