import { sshSettingsOf, type SshSettings } from '../../../src/communicator/ssh/config.js';
import { sshOptions } from '../../../src/communicator/ssh/options.js';
import { declareConfig } from '../../../src/plugin/config.js';
import { configOf } from '../../support/config.js';
import type { TestSshd } from '../../support/sshd.js';

/** Settings for root on the test server with its ed25519 key; `over` adds or replaces ssh_* arguments. */
export function settingsFor(sshd: TestSshd, over: Record<string, unknown> = {}): SshSettings {
  const plain = { ssh_host: sshd.host, ssh_port: sshd.port, ssh_username: 'root', ssh_private_key_file: sshd.keys.key, ssh_timeout: '20s', ...over };
  return sshSettingsOf(configOf(declareConfig(sshOptions), plain));
}

/** Collects `say` lines. */
export function lineUi() {
  const lines: string[] = [];
  const ui = {
    say: (m: string) => lines.push(`==> ${m}`),
    message: (m: string) => lines.push(`    ${m}`),
    error: (m: string) => lines.push(`!!! ${m}`),
    withSuffix: () => ui,
    redact: (s: string) => s,
  };
  return { ui, lines };
}
