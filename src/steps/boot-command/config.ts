// Packer's BootConfig and VNCConfig options (packer-plugin-sdk bootcommand/config.go) and their checks.

import { opt, type ConfigOf, type ConfigProblem } from '../../plugin/config.js';
import { parseDuration as parseGoDuration } from '../../functions/go-time.js';
import { parseDuration } from '../../template/duration.js';
import { BootCommandError, bootCommandProblems, parseBootCommand } from './parse.js';

export const bootCommandOptions = {
  boot_command: opt.strings('Keys typed into the console once the machine started (joined; <enter>, <wait5>, {{.HTTPIP}}...).'),
  boot_wait: opt.string('The time to wait after starting the machine before typing the boot command (10s; negative: none).'),
  boot_key_interval: opt.string('The time after each key event (PACKER_KEY_INTERVAL, else 100ms).'),
  disable_vnc: opt.bool('Starts the machine without VNC (no boot command then).'),
};

export type BootCommandConfig = ConfigOf<typeof bootCommandOptions>;

/** `boot_wait` in milliseconds: 10 s when unset or 0, nothing when negative, as Packer. */
export function bootWaitMs(c: BootCommandConfig): number {
  const ms = c.boot_wait ? parseDuration(c.boot_wait) : undefined;
  if (ms === undefined || ms === 0) return 10_000;
  return Math.max(ms, 0);
}

/** `boot_key_interval` in milliseconds; undefined when unset (the environment or the default decides). */
export function bootKeyIntervalMs(c: BootCommandConfig): number | undefined {
  return c.boot_key_interval ? parseDuration(c.boot_key_interval) : undefined;
}

/**
 * Packer's checks, with its messages (checked against Packer 1.6.6): durations that parse, a boot command its
 * grammar reads (Go-template actions are checked with their text still in place: `{{` and `}}` parse as
 * characters), and no boot command with VNC disabled.
 */
export function bootCommandConfigProblems(c: BootCommandConfig): ConfigProblem[] {
  const out: ConfigProblem[] = [];
  for (const key of ['boot_wait', 'boot_key_interval'] as const) {
    const v = c[key];
    if (!v) continue;
    try {
      parseGoDuration(v);
    } catch (e) {
      out.push({ message: `error decoding '${key}': ${(e as Error).message}`, attribute: key });
    }
  }
  if ((c.boot_command?.length ?? 0) > 0 && c.disable_vnc) out.push({ message: 'A boot command cannot be used when vnc is disabled.', attribute: 'boot_command' });
  if (c.boot_command) {
    try {
      for (const message of bootCommandProblems(parseBootCommand(c.boot_command.join('')))) out.push({ message, attribute: 'boot_command' });
    } catch (e) {
      if (!(e instanceof BootCommandError)) throw e;
      out.push({ message: e.message, attribute: 'boot_command' });
    }
  }
  return out;
}
