// Runs shell-local's commands on the build host, as Packer's shell-local (provisioner and post-processor).

import { randomInt } from 'node:crypto';
import { chmod, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runLocal } from '../../src/engine/run-local.js';
import type { RunContext } from '../../src/plugin/context.js';
import type { ShellLocalConfig } from './config.js';
import { flattenVars, renderExecuteCommand } from './env.js';

function goos(): string {
  return process.platform === 'win32' ? 'windows' : process.platform;
}


async function writeInline(config: ShellLocalConfig, lines: string[], dir: string): Promise<string> {
  const path = join(dir, `packer-shell${randomInt(1, 2 ** 31)}${config.tempfile_extension}`);
  const shebang = config.inline_shebang;
  await writeFile(path, (shebang ? `#!${shebang}\n` : '') + lines.map((l) => `${l}\n`).join(''), { mode: 0o700 });
  await chmod(path, 0o700);
  return path;
}

/** Runs the configured commands; `extraEnv` adds to the process environment (not to `{{.Vars}}`). */
export async function runShellLocal(config: ShellLocalConfig, ctx: RunContext, extraEnv: Record<string, string> = {}): Promise<void> {
  if (config.only_on && config.only_on.length > 0 && !config.only_on.includes(goos())) {
    ctx.ui.say(`Skipping shell-local due to OS: ${goos()}`);
    return;
  }
  const inline = config.command !== undefined ? [config.command] : config.inline;
  const temp = inline ? await writeInline(config, inline, ctx.tempDir) : undefined;
  const scripts = temp ? [temp] : [...(config.script !== undefined ? [config.script] : []), ...(config.scripts ?? [])];
  const vars = flattenVars(config, ctx.sourceName, ctx.builderType);
  const valid = config.valid_exit_codes;
  const env = { ...ctx.env, PACKER_RUN_UUID: ctx.runUuid, ...extraEnv };
  try {
    for (const script of scripts) {
      ctx.ui.say(`Running local shell script: ${script}`);
      const code = await runLocal(renderExecuteCommand(config.execute_command, { Vars: vars, Script: script }), env, ctx, { stderr: 'error' });
      if (!valid.includes(code)) throw new Error(`Script exited with non-zero exit status: ${code}.Allowed exit codes are: [${valid.join(' ')}]`);
    }
  } finally {
    if (temp) await rm(temp, { force: true });
  }
}
