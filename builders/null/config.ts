import type { ConfigSchema, PluginConfig } from '../../src/engine/types.js';
import { T } from '../../src/value/value.js';

const s = { type: T.string };
const n = { type: T.number };
const b = { type: T.bool };

/** Communicator settings of the null builder; the SSH ones are checked now and used once SSH is available. */
export const nullSchema: ConfigSchema = {
  attributes: {
    communicator: s,
    pause_before_connecting: s,
    ssh_host: s,
    ssh_port: n,
    ssh_username: s,
    ssh_password: s,
    ssh_private_key_file: s,
    ssh_agent_auth: b,
    ssh_timeout: s,
    ssh_handshake_attempts: n,
    ssh_pty: b,
    ssh_disable_agent_forwarding: b,
    ssh_keep_alive_interval: s,
    ssh_read_write_timeout: s,
    ssh_bastion_host: s,
    ssh_bastion_port: n,
    ssh_bastion_username: s,
    ssh_bastion_password: s,
    ssh_bastion_private_key_file: s,
    ssh_file_transfer_method: s,
    ssh_proxy_host: s,
    ssh_proxy_port: n,
    ssh_clear_authorized_keys: b,
  },
  validate: validateNull,
};

export interface NullConfig {
  communicator: string;
}

/** Packer's checks: a builder that connects needs a host, a user and a way to authenticate. */
function validateNull(c: PluginConfig): { message: string; attribute?: string }[] {
  const comm = (c.communicator as string | undefined) ?? 'ssh';
  if (comm === 'none') return [];
  if (comm !== 'ssh') return [{ message: `communicator must be one of "none" or "ssh" for the null builder; got "${comm}".`, attribute: 'communicator' }];
  const out: { message: string; attribute?: string }[] = [];
  if (!c.ssh_host) out.push({ message: 'a Host must be specified, please reference your communicator documentation (ssh_host), or set communicator = "none"' });
  if (!c.ssh_username) out.push({ message: 'a Username must be specified, please reference your communicator documentation (ssh_username)' });
  if (!c.ssh_password && !c.ssh_private_key_file && !c.ssh_agent_auth) {
    out.push({ message: 'one authentication method must be specified (ssh_password, ssh_private_key_file or ssh_agent_auth), please reference your communicator documentation' });
  }
  return out;
}
