// The SSH communicator's settings: what the connection code needs, made from the SSH options (options.ts).

import { parseDuration } from '../../template/duration.js';
import type { SshOptions } from './options.js';

/** How to log in somewhere: the target or the bastion. */
export interface SshLogin {
  host: string;
  port: number;
  username: string;
  password?: string;
  /** Path of a private key file. */
  privateKeyFile?: string;
  /** Private key content (a generated temporary key). */
  privateKey?: string;
  certificateFile?: string;
  agentAuth: boolean;
}

export interface SshTunnel {
  bindHost: string;
  bindPort: number;
  toHost: string;
  toPort: number;
}

export type KeyPairType = 'rsa' | 'ed25519' | 'ecdsa' | 'dsa';

export interface SshSettings extends SshLogin {
  pty: boolean;
  disableAgentForwarding: boolean;
  timeoutMs: number;
  handshakeAttempts: number;
  keepAliveMs: number;
  readWriteTimeoutMs: number;
  fileTransferMethod: 'scp' | 'sftp';
  pauseBeforeConnectingMs: number;
  clearAuthorizedKeys: boolean;
  keypairName: string;
  tempKeyType: KeyPairType;
  tempKeyBits: number;
  bastion?: SshLogin;
  proxy?: { host: string; port: number; username?: string; password?: string };
  localTunnels: SshTunnel[];
  remoteTunnels: SshTunnel[];
}

function duration(v: string | undefined, fallbackMs: number): number {
  if (v === undefined || v === '') return fallbackMs;
  return parseDuration(v) ?? fallbackMs;
}

/** Packer's tunnel syntax: `[bind_address:]port:host:hostport`. */
export function parseTunnel(text: string): SshTunnel | undefined {
  const parts = text.split(':');
  if (parts.length !== 3 && parts.length !== 4) return undefined;
  const [bindHost, bindPort, toHost, toPort] = parts.length === 4 ? parts : ['localhost', ...parts];
  const bp = Number(bindPort);
  const tp = Number(toPort);
  if (!Number.isInteger(bp) || !Number.isInteger(tp) || bp < 0 || bp > 65535 || tp <= 0 || tp > 65535 || !toHost) return undefined;
  return { bindHost: bindHost!, bindPort: bp, toHost: toHost!, toPort: tp };
}

function defaultBits(type: KeyPairType): number {
  if (type === 'ecdsa') return 521;
  if (type === 'ed25519') return 256;
  if (type === 'dsa') return 1024;
  return 4096;
}

/** The settings the options give. `host` may still be empty for builders that learn it later. */
export function sshSettingsOf(c: SshOptions): SshSettings {
  // Packer treats an empty string as not set.
  const str = (v: string | undefined) => v || undefined;
  const tempKeyType = (str(c.temporary_key_pair_type) ?? str(c.ssh_temporary_key_pair_type) ?? 'rsa') as KeyPairType;
  const bastionHost = str(c.ssh_bastion_host);
  const proxyHost = str(c.ssh_proxy_host);
  return {
    host: str(c.ssh_host) ?? '',
    port: c.ssh_port,
    username: str(c.ssh_username) ?? '',
    password: str(c.ssh_password),
    privateKeyFile: str(c.ssh_private_key_file),
    certificateFile: str(c.ssh_certificate_file),
    agentAuth: c.ssh_agent_auth,
    pty: c.ssh_pty,
    disableAgentForwarding: c.ssh_disable_agent_forwarding,
    timeoutMs: duration(c.ssh_timeout !== undefined ? c.ssh_timeout : c.ssh_wait_timeout, 5 * 60_000),
    handshakeAttempts: Math.max(1, c.ssh_handshake_attempts),
    keepAliveMs: duration(c.ssh_keep_alive_interval, 5_000),
    readWriteTimeoutMs: duration(c.ssh_read_write_timeout, 0),
    fileTransferMethod: c.ssh_file_transfer_method === 'sftp' ? 'sftp' : 'scp',
    pauseBeforeConnectingMs: duration(c.pause_before_connecting, 0),
    clearAuthorizedKeys: c.ssh_clear_authorized_keys,
    keypairName: str(c.ssh_keypair_name) ?? '',
    tempKeyType,
    tempKeyBits: c.temporary_key_pair_bits || c.ssh_temporary_key_pair_bits || defaultBits(tempKeyType),
    bastion: bastionHost
      ? {
          host: bastionHost,
          port: c.ssh_bastion_port,
          username: str(c.ssh_bastion_username) ?? str(c.ssh_username) ?? '',
          password: str(c.ssh_bastion_password),
          // Packer: a bastion without its own credentials uses the target's key.
          privateKeyFile: str(c.ssh_bastion_private_key_file) ?? (str(c.ssh_bastion_password) || c.ssh_bastion_agent_auth ? undefined : str(c.ssh_private_key_file)),
          certificateFile: str(c.ssh_bastion_certificate_file),
          agentAuth: c.ssh_bastion_agent_auth,
        }
      : undefined,
    proxy: proxyHost ? { host: proxyHost, port: c.ssh_proxy_port, username: str(c.ssh_proxy_username), password: str(c.ssh_proxy_password) } : undefined,
    localTunnels: c.ssh_local_tunnels.map(parseTunnel).filter((t): t is SshTunnel => t !== undefined),
    remoteTunnels: c.ssh_remote_tunnels.map(parseTunnel).filter((t): t is SshTunnel => t !== undefined),
  };
}
