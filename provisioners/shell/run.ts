// Runs shell scripts on the machine being built, through whatever communicator the builder gives, as
// Packer's shell provisioner: upload each script to remote_path, run execute_command, remove the script.

import { randomInt } from 'node:crypto';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { isCancellation, sleep } from '../../src/engine/cancel.js';
import type { Communicator } from '../../src/plugin/communicator.js';
import { trackRemoteFiles, type RemoteFiles } from '../../src/communicator/remote-files.js';
import type { RunContext } from '../../src/plugin/context.js';
import { formatGoDuration } from '../../src/ui/duration.js';
import { renderGoTemplate } from '../../src/gotemplate/index.js';
import { flattenVars } from '../shell-local/env.js';
import { parseDuration } from '../../src/template/duration.js';
import { scriptsOf, type ShellConfig } from './config.js';

/** Retries `fn` while it throws (not when cancelled) until `timeoutMs` has passed: Packer's start_retry_timeout. */
async function retryFor<T>(timeoutMs: number, ctx: RunContext, fn: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (let delay = 500; ; delay = Math.min(delay * 2, 10_000)) {
    try {
      return await fn();
    } catch (e) {
      if (isCancellation(e) || ctx.signal.aborted || Date.now() + delay > deadline) throw e;
      ctx.ui.message(`Retryable error: ${(e as Error).message}`);
      await sleep(delay, ctx.signal);
    }
  }
}

/** The inline commands as a local script file (Packer shows its path), with the shebang line first. */
async function writeInlineScript(config: ShellConfig, dir: string): Promise<string> {
  const path = join(dir, `packer-shell${randomInt(1, 2 ** 31)}`);
  const shebang = config.inline_shebang ? `#!${config.inline_shebang}\n` : '';
  await writeFile(path, shebang + (config.inline ?? []).map((l) => `${l}\n`).join(''), { mode: 0o600 });
  return path;
}

/** A script's content as uploaded: Windows line endings become Unix ones unless `binary`. */
async function scriptContent(path: string, binary: boolean): Promise<Buffer> {
  const content = await readFile(path);
  return binary ? content : Buffer.from(content.toString('latin1').replaceAll('\r\n', '\n'), 'latin1');
}

/**
 * The command to run: execute_command rendered with `.Vars`, `.Path` and `.EnvVarFile`. Unless skip_clean,
 * the removal of the uploaded files is appended to it (keeping the exit status), which saves a round trip
 * per script; Packer runs the same `rm -f` as a command of its own.
 */
function commandFor(config: ShellConfig, remotePath: string, vars: string, envVarFile: string, cleanup: string[]): string {
  const execute = config.execute_command || (config.use_env_var_file ? 'chmod +x {{.Path}}; . {{.EnvVarFile}} && {{.Path}}' : 'chmod +x {{.Path}}; {{.Vars}} {{.Path}}');
  const command = renderGoTemplate(execute, { data: { Vars: vars, Path: remotePath, EnvVarFile: envVarFile } });
  if (config.skip_clean || cleanup.length === 0) return command;
  return `(\n${command}\n); __tsbuild_status=$?; rm -f ${cleanup.map(quote).join(' ')}; exit $__tsbuild_status`;
}

function quote(s: string): string {
  return `'${s.replaceAll("'", `'"'"'`)}'`;
}

function durationMs(text: string | undefined, fallbackMs: number): number {
  return text ? parseDuration(text) ?? fallbackMs : fallbackMs;
}

/** Runs the scripts; `remotePath` is where each is uploaded (chosen once per provisioner). */
export async function runShell(config: ShellConfig, remotePath: string, ctx: RunContext, comm: Communicator | undefined): Promise<void> {
  if (!comm) throw new Error('The shell provisioner needs a communicator: this builder has none (communicator = "none"); use shell-local instead.');
  const envVarFormat = config.env_var_format || (config.use_env_var_file ? "export %s='%s'\n" : "%s='%s' ");
  const vars = flattenVars({ environment_vars: config.environment_vars, env: config.env, env_var_format: envVarFormat }, ctx.sourceName, ctx.builderType);
  const startRetryTimeoutMs = durationMs(config.start_retry_timeout, 300_000);
  // skip_clean leaves the uploaded files on the machine on purpose: they are not temporary, nothing tracks them.
  const uploaded = trackRemoteFiles(comm, ctx);
  const track = (path: string) => config.skip_clean || uploaded.add(path);
  let envVarFile = '';
  const inlineFile = config.inline !== undefined ? await writeInlineScript(config, ctx.tempDir) : undefined;
  try {
    if (config.use_env_var_file) {
      envVarFile = `${config.remote_folder}/varfile_${randomInt(0, 9999)}.sh`;
      track(envVarFile);
      await retryFor(startRetryTimeoutMs, ctx, () => comm.uploadContent(vars, envVarFile, ctx.signal, { mode: PRIVATE_FILE }));
    }
    const scripts = inlineFile ? [inlineFile] : scriptsOf(config);
    for (const script of scripts) {
      ctx.ui.say(`Provisioning with shell script: ${script}`);
      const content = await scriptContent(resolve(ctx.cwd, script), config.binary === true);
      track(remotePath);
      await retryFor(startRetryTimeoutMs, ctx, () => comm.uploadContent(content, remotePath, ctx.signal, { mode: PRIVATE_SCRIPT }));
      const last = script === scripts[scripts.length - 1];
      const removed = [remotePath, ...(last && envVarFile ? [envVarFile] : [])];
      const command = commandFor(config, remotePath, vars, envVarFile, removed);
      const { exitCode } = await retryFor(startRetryTimeoutMs, ctx, () =>
        comm.run(command, { stdout: (l) => ctx.ui.message(l), stderr: (l) => ctx.ui.error(l), signal: ctx.signal }),
      );
      if (exitCode === DISCONNECTED && !config.expect_disconnect && !config.valid_exit_codes.includes(exitCode)) {
        throw new Error(
          'Script disconnected unexpectedly. If you expected your script to disconnect, i.e. from a restart, you can try adding `"expect_disconnect": true` or `"valid_exit_codes": [0, 2300218]` to the shell provisioner parameters.',
        );
      }
      // The command's own `rm` ran, unless the connection dropped first (a reboot): then, as Packer, remove the files
      // once the machine answers again, within start_retry_timeout.
      if (exitCode !== DISCONNECTED) uploaded.gone(removed);
      else if (!config.skip_clean) await removeAfterDisconnect(removed, uploaded, startRetryTimeoutMs, ctx);
      if (!config.valid_exit_codes.includes(exitCode) && !(config.expect_disconnect && exitCode === DISCONNECTED)) {
        throw new Error(`Script exited with non-zero exit status: ${exitCode}.Allowed exit codes are: [${config.valid_exit_codes.join(' ')}]`);
      }
    }
  } finally {
    if (inlineFile) await rm(inlineFile, { force: true });
    // A cancelled or failed script: its command's `rm` did not run.
    await uploaded.removeLeft();
  }
  const pauseAfterMs = durationMs(config.pause_after, 0);
  if (pauseAfterMs > 0) {
    ctx.ui.say(`Pausing ${formatGoDuration(pauseAfterMs)} after this provisioner...`);
    await sleep(pauseAfterMs, ctx.signal);
  }
}

/**
 * The modes of what is uploaded: scripts hold the inline commands and the environment file holds environment_vars,
 * secrets included, so other users of the machine may not read them (Packer uploads scripts 0644 and chmods them
 * 0755). The default execute_command's `chmod +x` then adds only execute bits, which without read let nobody else
 * run a script.
 */
const PRIVATE_SCRIPT = 0o700;
const PRIVATE_FILE = 0o600;

/** Packer's removal after a script whose connection dropped: retried until the machine answers, or start_retry_timeout. */
async function removeAfterDisconnect(paths: string[], uploaded: RemoteFiles, timeoutMs: number, ctx: RunContext): Promise<void> {
  try {
    await retryFor(timeoutMs, ctx, () => uploaded.remove(paths, ctx.signal));
  } catch (e) {
    if (isCancellation(e)) throw e;
    throw new Error(`Error removing temporary script at ${paths.join(', ')}: ${(e as Error).message}`, { cause: e });
  }
}

/** The exit status a communicator reports when the connection dropped during the command (Packer's CmdDisconnect). */
const DISCONNECTED = 2300218;
