// The facts a resource journal keeps to reach an SSH machine again: enough to connect, never a secret.
import { describe, expect, it } from 'vitest';
import { reconnectProblem, settingsFromAccess, sshAccess } from '../../../src/communicator/ssh/access.js';
import { sshSettingsOf } from '../../../src/communicator/ssh/config.js';
import { sshOptions } from '../../../src/communicator/ssh/options.js';
import { declareConfig } from '../../../src/plugin/config.js';
import { configOf } from '../../support/config.js';

const settings = (plain: Record<string, unknown>) => sshSettingsOf(configOf(declareConfig(sshOptions), plain, '/'));

describe('sshAccess', () => {
  it('keeps the key file path and the agent use, and makes the same login again', () => {
    const s = settings({ ssh_host: 'h', ssh_port: 2222, ssh_username: 'u', ssh_private_key_file: '/k/id', ssh_certificate_file: '/k/id-cert.pub', ssh_agent_auth: true });
    const a = sshAccess(s);
    expect(a).toEqual({
      where: 'u@h:2222',
      facts: { transport: 'ssh', host: 'h', port: '2222', user: 'u', keyFile: '/k/id', certificateFile: '/k/id-cert.pub', agent: 'yes' },
      noReconnect: undefined,
    });
    expect(settingsFromAccess(a.facts, 1000)).toMatchObject({ host: 'h', port: 2222, username: 'u', privateKeyFile: '/k/id', certificateFile: '/k/id-cert.pub', agentAuth: true, handshakeAttempts: 1 });
  });

  it('never keeps a password: a login that only had one cannot be made again, and says why', () => {
    const a = sshAccess(settings({ ssh_host: 'h', ssh_username: 'u', ssh_password: 'hunter2' }));
    expect(JSON.stringify(a)).not.toContain('hunter2');
    expect(a.noReconnect).toBe('the SSH connection to the machine u@h:22 was made with a password, which tsbuild does not write down');
    // With a key file as well, the key makes the connection.
    expect(sshAccess(settings({ ssh_host: 'h', ssh_username: 'u', ssh_password: 'hunter2', ssh_private_key_file: '/k' })).noReconnect).toBeUndefined();
  });

  it('names a key held only in memory', () => {
    const a = sshAccess({ ...settings({ ssh_host: 'h', ssh_username: 'u' }), privateKey: '-----BEGIN OPENSSH PRIVATE KEY-----\nsecret' });
    expect(JSON.stringify(a)).not.toContain('secret\n');
    expect(a.noReconnect).toBe('the SSH connection to the machine u@h:22 was made with a temporary key held only in memory, which tsbuild does not write down');
  });

  it('keeps the bastion and the proxy the same way', () => {
    const a = sshAccess(
      settings({ ssh_host: 'h', ssh_username: 'u', ssh_private_key_file: '/k', ssh_bastion_host: 'b', ssh_bastion_username: 'bu', ssh_bastion_password: 'pw1', ssh_proxy_host: 'p', ssh_proxy_password: 'pw2' }),
    );
    expect(JSON.stringify(a)).not.toMatch(/pw1|pw2/);
    expect(a.facts).toMatchObject({ 'bastion.host': 'b', 'bastion.port': '22', 'bastion.user': 'bu', 'bastion.secret': 'password', 'proxy.host': 'p', 'proxy.port': '1080', 'proxy.secret': 'password' });
    expect(a.noReconnect).toBe('the SOCKS proxy p:1080 needs a password, which tsbuild does not write down');
    const { ['proxy.secret']: _, ...noProxySecret } = a.facts;
    expect(reconnectProblem(noProxySecret)).toBe('the SSH connection to the bastion bu@b:22 was made with a password, which tsbuild does not write down');
    // A bastion without credentials of its own uses the machine's key file, as in Packer.
    const viaKey = sshAccess(settings({ ssh_host: 'h', ssh_username: 'u', ssh_private_key_file: '/k', ssh_bastion_host: 'b' }));
    expect(viaKey.noReconnect).toBeUndefined();
    expect(settingsFromAccess(viaKey.facts, 1000).bastion).toMatchObject({ host: 'b', username: 'u', privateKeyFile: '/k' });
  });
});
