// The SSH communicator's settings, named and defaulted as Packer's `communicator = "ssh"` options, for every
// builder that connects over SSH.

import { statSync } from 'node:fs';
import type { ConfigSchema, PluginConfig } from '../../plugin/config-schema.js';
import { parseDuration } from '../../template/duration.js';
import { T } from '../../value/value.js';

const s = { type: T.string };
const n = { type: T.number };
const b = { type: T.bool };
const strings = { type: T.list(T.string) };

/** The `ssh_*` arguments (and `pause_before_connecting`) a builder's schema includes. */
export const sshAttributes: ConfigSchema['attributes'] = {
  pause_before_connecting: s,
  ssh_host: s,
  ssh_port: n,
  ssh_username: s,
  ssh_password: s,
  ssh_private_key_file: s,
  ssh_certificate_file: s,
  ssh_agent_auth: b,
  ssh_keypair_name: s,
  temporary_key_pair_type: s,
  temporary_key_pair_bits: n,
  ssh_temporary_key_pair_type: s,
  ssh_temporary_key_pair_bits: n,
  ssh_clear_authorized_keys: b,
  ssh_timeout: s,
  ssh_wait_timeout: s,
  ssh_handshake_attempts: n,
  ssh_pty: b,
  ssh_disable_agent_forwarding: b,
  ssh_keep_alive_interval: s,
  ssh_read_write_timeout: s,
  ssh_file_transfer_method: s,
  ssh_bastion_host: s,
  ssh_bastion_port: n,
  ssh_bastion_username: s,
  ssh_bastion_password: s,
  ssh_bastion_private_key_file: s,
  ssh_bastion_certificate_file: s,
  ssh_bastion_agent_auth: b,
  ssh_proxy_host: s,
  ssh_proxy_port: n,
  ssh_proxy_username: s,
  ssh_proxy_password: s,
  ssh_local_tunnels: strings,
  ssh_remote_tunnels: strings,
};

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

type Problem = { message: string; attribute?: string };

function duration(c: PluginConfig, key: string, fallbackMs: number): number {
  const v = c[key] as string | undefined;
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

/** The settings with Packer's defaults. `host` may still be empty for builders that learn it later. */
export function sshSettingsOf(c: PluginConfig): SshSettings {
  const str = (k: string) => (c[k] as string | undefined) || undefined;
  const tempKeyType = (str('temporary_key_pair_type') ?? str('ssh_temporary_key_pair_type') ?? 'rsa') as KeyPairType;
  const bastionHost = str('ssh_bastion_host');
  const proxyHost = str('ssh_proxy_host');
  return {
    host: str('ssh_host') ?? '',
    port: (c.ssh_port as number | undefined) ?? 22,
    username: str('ssh_username') ?? '',
    password: str('ssh_password'),
    privateKeyFile: str('ssh_private_key_file'),
    certificateFile: str('ssh_certificate_file'),
    agentAuth: c.ssh_agent_auth === true,
    pty: c.ssh_pty === true,
    disableAgentForwarding: c.ssh_disable_agent_forwarding === true,
    timeoutMs: duration(c, c.ssh_timeout !== undefined ? 'ssh_timeout' : 'ssh_wait_timeout', 5 * 60_000),
    handshakeAttempts: Math.max(1, (c.ssh_handshake_attempts as number | undefined) || 10),
    keepAliveMs: duration(c, 'ssh_keep_alive_interval', 5_000),
    readWriteTimeoutMs: duration(c, 'ssh_read_write_timeout', 0),
    fileTransferMethod: c.ssh_file_transfer_method === 'sftp' ? 'sftp' : 'scp',
    pauseBeforeConnectingMs: duration(c, 'pause_before_connecting', 0),
    clearAuthorizedKeys: c.ssh_clear_authorized_keys === true,
    keypairName: str('ssh_keypair_name') ?? '',
    tempKeyType,
    tempKeyBits: (c.temporary_key_pair_bits as number | undefined) || (c.ssh_temporary_key_pair_bits as number | undefined) || defaultBits(tempKeyType),
    bastion: bastionHost
      ? {
          host: bastionHost,
          port: (c.ssh_bastion_port as number | undefined) ?? 22,
          username: str('ssh_bastion_username') ?? str('ssh_username') ?? '',
          password: str('ssh_bastion_password'),
          // Packer: a bastion without its own credentials uses the target's key.
          privateKeyFile: str('ssh_bastion_private_key_file') ?? (str('ssh_bastion_password') || c.ssh_bastion_agent_auth ? undefined : str('ssh_private_key_file')),
          certificateFile: str('ssh_bastion_certificate_file'),
          agentAuth: c.ssh_bastion_agent_auth === true,
        }
      : undefined,
    proxy: proxyHost ? { host: proxyHost, port: (c.ssh_proxy_port as number | undefined) ?? 1080, username: str('ssh_proxy_username'), password: str('ssh_proxy_password') } : undefined,
    localTunnels: ((c.ssh_local_tunnels as string[] | undefined) ?? []).map(parseTunnel).filter((t): t is SshTunnel => t !== undefined),
    remoteTunnels: ((c.ssh_remote_tunnels as string[] | undefined) ?? []).map(parseTunnel).filter((t): t is SshTunnel => t !== undefined),
  };
}

/**
 * Packer's checks of the SSH settings, with its messages (checked against Packer 1.6.6). The builder adds its
 * own (the null builder: a host and exactly one authentication method).
 */
export function validateSsh(c: PluginConfig): Problem[] {
  const out: Problem[] = [];
  if (!c.ssh_username) out.push({ message: 'An ssh_username must be specified\n  Note: some builders used to default ssh_username to "root".', attribute: 'ssh_username' });
  for (const key of ['ssh_timeout', 'ssh_wait_timeout', 'ssh_keep_alive_interval', 'ssh_read_write_timeout', 'pause_before_connecting']) {
    const v = c[key] as string | undefined;
    if (v !== undefined && v !== '' && parseDuration(v) === undefined) out.push({ message: `error decoding '${key}': time: invalid duration "${v}"`, attribute: key });
  }
  const method = c.ssh_file_transfer_method as string | undefined;
  if (method !== undefined && method !== 'scp' && method !== 'sftp') {
    out.push({ message: `ssh_file_transfer_method ('${method}') is invalid, valid methods: sftp, scp`, attribute: 'ssh_file_transfer_method' });
  }
  const inherited = c.ssh_bastion_host && !c.ssh_bastion_password && !c.ssh_bastion_private_key_file && !c.ssh_bastion_agent_auth;
  const files: [string, unknown][] = [
    ['ssh_private_key_file', c.ssh_private_key_file],
    ['ssh_certificate_file', c.ssh_certificate_file],
    ['ssh_bastion_private_key_file', inherited ? c.ssh_private_key_file : c.ssh_bastion_private_key_file],
    ['ssh_bastion_certificate_file', c.ssh_bastion_certificate_file],
  ];
  for (const [key, v] of files) {
    if (typeof v === 'string' && v && !fileExists(v)) out.push({ message: `${key} is invalid: stat ${v}: no such file or directory`, attribute: key });
  }
  if (c.ssh_bastion_host && c.ssh_proxy_host) out.push({ message: 'ssh_bastion_host and ssh_proxy_host cannot both be set', attribute: 'ssh_proxy_host' });
  const type = (c.temporary_key_pair_type ?? c.ssh_temporary_key_pair_type) as string | undefined;
  if (type !== undefined && !['rsa', 'ed25519', 'ecdsa', 'dsa'].includes(type)) {
    out.push({ message: `temporary_key_pair_type ('${type}') is invalid, valid types: dsa, ecdsa, ed25519, rsa`, attribute: 'temporary_key_pair_type' });
  }
  for (const key of ['ssh_local_tunnels', 'ssh_remote_tunnels']) {
    for (const t of (c[key] as string[] | undefined) ?? []) {
      if (!parseTunnel(t)) out.push({ message: `${key} ('${t}') is invalid: Error parsing tunnel '${t}': [${t.split(':').join(' ')}]`, attribute: key });
    }
  }
  return out;
}

function fileExists(path: string): boolean {
  try {
    statSync(path);
    return true;
  } catch {
    return false;
  }
}
