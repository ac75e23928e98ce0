// The SSH communicator's options (`communicator = "ssh"`), named, defaulted and checked as Packer's, for every
// builder that connects over SSH: spread `sshOptions` into the builder's declaration and call `validateSsh`.

import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { opt, type ConfigOf, type ConfigProblem, type ValidateContext } from '../../plugin/config.js';
import { parseDuration } from '../../template/duration.js';
import { parseTunnel } from './config.js';

export const sshOptions = {
  pause_before_connecting: opt.string('How long to wait before the first connection attempt (a duration, such as "30s").'),
  ssh_host: opt.string('The address to connect to; builders that create a machine set it themselves.'),
  ssh_port: opt.number('The SSH port.').default(22),
  ssh_username: opt.string('The user to log in as.'),
  ssh_password: opt.string('The password to log in with.').sensitive(),
  ssh_private_key_file: opt.string('Path to a private key (PEM or OpenSSH format) to log in with.'),
  ssh_certificate_file: opt.string('Path to a user certificate signed for the private key.'),
  ssh_agent_auth: opt.bool("Logs in with the keys of the local SSH agent (SSH_AUTH_SOCK).").default(false),
  ssh_keypair_name: opt.string('The name of a key pair the cloud already has, used with ssh_private_key_file.'),
  temporary_key_pair_type: opt.string('Type of the temporary key pair a builder generates: rsa (default), ed25519, ecdsa or dsa.'),
  temporary_key_pair_bits: opt.number('Size of the temporary key in bits (default: 4096 for rsa, 521 for ecdsa, 1024 for dsa).'),
  ssh_temporary_key_pair_type: opt.string('Older spelling of temporary_key_pair_type.'),
  ssh_temporary_key_pair_bits: opt.number('Older spelling of temporary_key_pair_bits.'),
  ssh_clear_authorized_keys: opt.bool('Removes the temporary public key from ~/.ssh/authorized_keys after provisioning.').default(false),
  ssh_timeout: opt.string('How long to wait for SSH to become available (default "5m").'),
  ssh_wait_timeout: opt.string('Older spelling of ssh_timeout.'),
  ssh_handshake_attempts: opt.number('How many SSH handshakes to attempt before giving up.').defaultIfEmpty(10),
  ssh_pty: opt.bool('Requests a pseudo-terminal for every command.').default(false),
  ssh_disable_agent_forwarding: opt.bool('Does not forward the local SSH agent to the machine.').default(false),
  ssh_keep_alive_interval: opt.string('How often to send keep-alive messages (default "5s").'),
  ssh_read_write_timeout: opt.string('Drops the connection when nothing moves for this long (default: never).'),
  ssh_file_transfer_method: opt.string('How files are copied: "scp" or "sftp".').default('scp'),
  ssh_bastion_host: opt.string('A bastion (jump) host to reach the machine through.'),
  ssh_bastion_port: opt.number("The bastion's SSH port.").default(22),
  ssh_bastion_username: opt.string('The user on the bastion (default: ssh_username).'),
  ssh_bastion_password: opt.string("The bastion user's password.").sensitive(),
  ssh_bastion_private_key_file: opt.string('Path to a private key for the bastion (default: ssh_private_key_file).'),
  ssh_bastion_certificate_file: opt.string("Path to a user certificate for the bastion's key."),
  ssh_bastion_agent_auth: opt.bool('Logs in to the bastion with the keys of the local SSH agent.').default(false),
  ssh_proxy_host: opt.string('A SOCKS5 proxy to connect through.'),
  ssh_proxy_port: opt.number("The SOCKS5 proxy's port.").default(1080),
  ssh_proxy_username: opt.string('The user name for the SOCKS5 proxy.'),
  ssh_proxy_password: opt.string('The password for the SOCKS5 proxy.').sensitive(),
  ssh_local_tunnels: opt.strings('Local ports forwarded to the machine\'s side: "[bind_address:]port:host:hostport".').default([]),
  ssh_remote_tunnels: opt.strings('Ports on the machine forwarded to this side: "[bind_address:]port:host:hostport".').default([]),
};

export type SshOptions = ConfigOf<typeof sshOptions>;

function fileExists(path: string, cwd: string): boolean {
  try {
    statSync(resolve(cwd, path));
    return true;
  } catch {
    return false;
  }
}

/**
 * Packer's checks of the SSH options, with its messages (checked against Packer 1.6.6). The builder adds its
 * own (the null builder: a host and exactly one authentication method).
 */
export function validateSsh(c: SshOptions, ctx: ValidateContext): ConfigProblem[] {
  const out: ConfigProblem[] = [];
  if (!c.ssh_username) out.push({ message: 'An ssh_username must be specified\n  Note: some builders used to default ssh_username to "root".', attribute: 'ssh_username' });
  for (const key of ['ssh_timeout', 'ssh_wait_timeout', 'ssh_keep_alive_interval', 'ssh_read_write_timeout', 'pause_before_connecting'] as const) {
    const v = c[key];
    if (v !== undefined && v !== '' && parseDuration(v) === undefined) out.push({ message: `error decoding '${key}': time: invalid duration "${v}"`, attribute: key });
  }
  const method = c.ssh_file_transfer_method;
  if (method !== 'scp' && method !== 'sftp') {
    out.push({ message: `ssh_file_transfer_method ('${method}') is invalid, valid methods: sftp, scp`, attribute: 'ssh_file_transfer_method' });
  }
  const inherited = c.ssh_bastion_host && !c.ssh_bastion_password && !c.ssh_bastion_private_key_file && !c.ssh_bastion_agent_auth;
  const files: [string, string | undefined][] = [
    ['ssh_private_key_file', c.ssh_private_key_file],
    ['ssh_certificate_file', c.ssh_certificate_file],
    ['ssh_bastion_private_key_file', inherited ? c.ssh_private_key_file : c.ssh_bastion_private_key_file],
    ['ssh_bastion_certificate_file', c.ssh_bastion_certificate_file],
  ];
  for (const [key, v] of files) {
    if (v && !fileExists(v, ctx.cwd)) out.push({ message: `${key} is invalid: stat ${v}: no such file or directory`, attribute: key });
  }
  if (c.ssh_bastion_host && c.ssh_proxy_host) out.push({ message: 'ssh_bastion_host and ssh_proxy_host cannot both be set', attribute: 'ssh_proxy_host' });
  const type = c.temporary_key_pair_type ?? c.ssh_temporary_key_pair_type;
  if (type !== undefined && !['rsa', 'ed25519', 'ecdsa', 'dsa'].includes(type)) {
    out.push({ message: `temporary_key_pair_type ('${type}') is invalid, valid types: dsa, ecdsa, ed25519, rsa`, attribute: 'temporary_key_pair_type' });
  }
  for (const key of ['ssh_local_tunnels', 'ssh_remote_tunnels'] as const) {
    for (const t of c[key]) {
      if (!parseTunnel(t)) out.push({ message: `${key} ('${t}') is invalid: Error parsing tunnel '${t}': [${t.split(':').join(' ')}]`, attribute: key });
    }
  }
  return out;
}
