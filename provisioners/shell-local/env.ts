import type { ShellLocalConfig } from './config.js';

type VarsConfig = Pick<ShellLocalConfig, 'environment_vars' | 'env' | 'env_var_format'>;

/**
 * `{{.Vars}}`: Packer's PACKER_BUILD_NAME and PACKER_BUILDER_TYPE, then environment_vars and env (env wins),
 * sorted by name, each as env_var_format (`NAME='value' `), single quotes in values escaped for the shell.
 */
export function flattenVars(config: VarsConfig, buildName: string, builderType: string): string {
  const vars = new Map<string, string>([
    ['PACKER_BUILD_NAME', buildName],
    ['PACKER_BUILDER_TYPE', builderType],
  ]);
  const quote = (v: string) => v.replaceAll("'", `'"'"'`);
  for (const kv of config.environment_vars ?? []) {
    const i = kv.indexOf('=');
    vars.set(kv.slice(0, i), quote(kv.slice(i + 1)));
  }
  for (const [k, v] of Object.entries(config.env ?? {})) vars.set(k, quote(v));
  const format = config.env_var_format;
  return [...vars.keys()]
    .sort()
    .map((k) => format.replace('%s', k).replace('%s', vars.get(k)!))
    .join('');
}

/** The small part of Go templates execute_command needs: `{{.Vars}}`, `{{.Script}}`, `{{.Command}}`. */
export function renderExecuteCommand(args: readonly string[], values: { Vars: string; Script: string }): string[] {
  return args.map((a) =>
    a.replace(/\{\{\s*\.(Vars|Script|Command)\s*\}\}/g, (_, k: string) => (k === 'Vars' ? values.Vars : values.Script)),
  );
}
