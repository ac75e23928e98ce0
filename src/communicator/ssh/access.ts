// How another process (`tsbuild cleanup`) reaches an SSH machine again: the connection's non-secret facts, kept in
// the resource journal with each file a provisioner leaves there, and the settings made from them again. A password
// or a key's content is never written down: a connection that needed one cannot be made again, and says why.

import type { RemoteAccess } from '../../plugin/communicator.js';
import type { SshLogin, SshSettings } from './config.js';

/** The facts of one login, under `prefix` (`` for the machine, `bastion.` for the jump host). */
function loginFacts(prefix: string, l: SshLogin, out: Record<string, string>): void {
  out[`${prefix}host`] = l.host;
  out[`${prefix}port`] = String(l.port);
  out[`${prefix}user`] = l.username;
  if (l.privateKeyFile) out[`${prefix}keyFile`] = l.privateKeyFile;
  if (l.certificateFile) out[`${prefix}certificateFile`] = l.certificateFile;
  if (l.agentAuth) out[`${prefix}agent`] = 'yes';
  // What the login also used that is not written down: named, so that a failed reconnection can say why.
  if (l.privateKey && !l.privateKeyFile) out[`${prefix}secret`] = 'key';
  else if (l.password !== undefined) out[`${prefix}secret`] = 'password';
}

const SECRETS: Record<string, string> = { password: 'a password', key: 'a temporary key held only in memory' };

/** Why the login under `prefix` cannot be made again, when only a secret made it. */
function loginProblem(prefix: string, facts: Record<string, string>, what: string): string | undefined {
  if (facts[`${prefix}keyFile`] || facts[`${prefix}agent`]) return undefined;
  const secret = SECRETS[facts[`${prefix}secret`] ?? ''] ?? 'no key file nor ssh-agent';
  return `the SSH connection to ${what} ${facts[`${prefix}user`]}@${facts[`${prefix}host`]}:${facts[`${prefix}port`]} was made with ${secret}, which tsbuild does not write down`;
}

/** Why the connection the facts describe cannot be made again, or undefined when it can. */
export function reconnectProblem(facts: Record<string, string>): string | undefined {
  if (facts['proxy.secret']) return `the SOCKS proxy ${facts['proxy.host']}:${facts['proxy.port']} needs a password, which tsbuild does not write down`;
  return (facts['bastion.host'] ? loginProblem('bastion.', facts, 'the bastion') : undefined) ?? loginProblem('', facts, 'the machine');
}

/** The non-secret facts of the connection `s` makes. */
export function sshAccess(s: SshSettings): RemoteAccess {
  const facts: Record<string, string> = { transport: 'ssh' };
  loginFacts('', s, facts);
  if (s.bastion) loginFacts('bastion.', s.bastion, facts);
  if (s.proxy) {
    facts['proxy.host'] = s.proxy.host;
    facts['proxy.port'] = String(s.proxy.port);
    if (s.proxy.username) facts['proxy.user'] = s.proxy.username;
    if (s.proxy.password) facts['proxy.secret'] = 'password';
  }
  return { where: `${s.username}@${s.host}:${s.port}`, facts, noReconnect: reconnectProblem(facts) };
}

function loginOf(prefix: string, facts: Record<string, string>): SshLogin {
  return {
    host: facts[`${prefix}host`] ?? '',
    port: Number(facts[`${prefix}port`] ?? 22),
    username: facts[`${prefix}user`] ?? '',
    privateKeyFile: facts[`${prefix}keyFile`],
    certificateFile: facts[`${prefix}certificateFile`],
    agentAuth: facts[`${prefix}agent`] === 'yes',
  };
}

/** The settings of one quick connection from the facts (check `reconnectProblem` first): no tunnels, no retries. */
export function settingsFromAccess(facts: Record<string, string>, timeoutMs: number): SshSettings {
  return {
    ...loginOf('', facts),
    pty: false,
    disableAgentForwarding: true,
    timeoutMs,
    handshakeAttempts: 1,
    keepAliveMs: 5_000,
    readWriteTimeoutMs: 0,
    fileTransferMethod: 'scp',
    pauseBeforeConnectingMs: 0,
    clearAuthorizedKeys: false,
    keypairName: '',
    tempKeyType: 'rsa',
    tempKeyBits: 0,
    bastion: facts['bastion.host'] ? loginOf('bastion.', facts) : undefined,
    proxy: facts['proxy.host'] ? { host: facts['proxy.host'], port: Number(facts['proxy.port']), username: facts['proxy.user'] } : undefined,
    localTunnels: [],
    remoteTunnels: [],
  };
}
