import { execSync, spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SshCommunicator } from '../../../src/communicator/ssh/communicator.js';
import { DISCONNECTED } from '../../../src/communicator/ssh/exec.js';
import { generateKeyPair } from '../../../src/communicator/ssh/keypair.js';
import { makeTestKeys, PASSWORD, PASSWORD_USER, startAgent, startSshd, type TestKeys, type TestSshd } from '../../support/sshd.js';
import { canConnect, freePort, waitFor } from '../../support/wait.js';
import { lineUi, settingsFor } from './helpers.js';

const signal = new AbortController().signal;

async function outputOf(comm: SshCommunicator, command: string): Promise<string[]> {
  const out: string[] = [];
  const { exitCode } = await comm.run(command, { stdout: (l) => out.push(l), stderr: (l) => out.push(l), signal });
  expect(exitCode).toBe(0);
  return out;
}

async function connectWith(settings: Parameters<typeof SshCommunicator.connect>[0], env: NodeJS.ProcessEnv = process.env) {
  const { ui, lines } = lineUi();
  const comm = await SshCommunicator.connect(settings, { ui, signal, env });
  return { comm, lines };
}

describe('ssh communicator: logins and connections', () => {
  let keys: TestKeys;
  let sshd: TestSshd;
  let bastion: TestSshd;

  beforeAll(async () => {
    keys = makeTestKeys();
    sshd = await startSshd(keys);
    bastion = await startSshd(keys);
  });
  afterAll(async () => {
    await sshd?.stop();
    await bastion?.stop();
  });

  it('logs in with an rsa key, as a user with a password, and with an OpenSSH certificate', async () => {
    const rsa = await connectWith(settingsFor(sshd, { ssh_private_key_file: keys.rsaKey }));
    expect(await outputOf(rsa.comm, 'id -un')).toEqual(['root']);
    rsa.comm.close();
    const pw = await connectWith(settingsFor(sshd, { ssh_username: PASSWORD_USER, ssh_private_key_file: undefined, ssh_password: PASSWORD }));
    expect(await outputOf(pw.comm, 'id -un')).toEqual([PASSWORD_USER]);
    pw.comm.close();
    const cert = await connectWith(settingsFor(sshd, { ssh_private_key_file: keys.certKey, ssh_certificate_file: keys.cert }));
    expect(await outputOf(cert.comm, 'id -un')).toEqual(['root']);
    cert.comm.close();
    expect(sshd.log()).toMatch(/Accepted publickey for root from 127\.0\.0\.1 port \d+ ssh2: ED25519-CERT/);
  });

  it('logs in through ssh-agent and forwards the agent', async () => {
    const agent = await startAgent([keys.key]);
    try {
      const env = { ...process.env, SSH_AUTH_SOCK: agent.socket };
      const { comm } = await connectWith(settingsFor(sshd, { ssh_private_key_file: undefined, ssh_agent_auth: true }), env);
      expect((await outputOf(comm, 'ssh-add -l')).join('\n')).toContain('tsbuild-test');
      comm.close();
      const noForward = await connectWith(settingsFor(sshd, { ssh_private_key_file: undefined, ssh_agent_auth: true, ssh_disable_agent_forwarding: true }), env);
      expect(await outputOf(noForward.comm, 'echo "${SSH_AUTH_SOCK:-none}"')).toEqual(['none']);
      noForward.comm.close();
    } finally {
      agent.stop();
    }
  });

  it.each([
    ['ed25519', undefined],
    ['ecdsa', 256],
    ['rsa', 2048],
  ] as const)('logs in with a generated %s key pair', async (type, bits) => {
    const pair = await generateKeyPair(type, bits, `packer_${type}`);
    expect(pair.privateKey).toMatch(/^-----BEGIN OPENSSH PRIVATE KEY-----/);
    appendFileSync(`${sshd.dir}/authorized_keys`, `${pair.publicKey}\n`);
    const { comm } = await connectWith({ ...settingsFor(sshd, { ssh_private_key_file: undefined }), privateKey: pair.privateKey });
    expect(await outputOf(comm, 'echo ok')).toEqual(['ok']);
    comm.close();
  });

  it('jumps through a bastion host', async () => {
    const { comm } = await connectWith(settingsFor(sshd, { ssh_bastion_host: bastion.host, ssh_bastion_port: bastion.port, ssh_bastion_username: PASSWORD_USER, ssh_bastion_password: PASSWORD }));
    // Through a jump host, a fast command's exit status often comes in the same read as its channel's opening:
    // a few of them, each with its status.
    for (let i = 0; i < 10; i++) expect(await outputOf(comm, 'echo via bastion')).toEqual(['via bastion']);
    comm.close();
    expect(bastion.log()).toMatch(new RegExp(`Accepted password for ${PASSWORD_USER}`));
    expect(bastion.log()).toMatch(new RegExp(`direct-tcpip.*127\\.0\\.0\\.1.*${sshd.port}|Connection from 127.0.0.1`));
  });

  it('connects through a SOCKS5 proxy (OpenSSH dynamic forwarding)', async () => {
    const socksPort = await freePort();
    const proxy: ChildProcess = spawn('ssh', ['-N', '-D', `127.0.0.1:${socksPort}`, '-i', keys.key, '-p', String(bastion.port), '-o', 'StrictHostKeyChecking=no', '-o', 'UserKnownHostsFile=/dev/null', '-o', 'ExitOnForwardFailure=yes', 'root@127.0.0.1'], { stdio: 'ignore' });
    try {
      await waitFor(async () => proxy.exitCode !== null || (await canConnect(socksPort)), { what: `ssh -D to listen on ${socksPort}` });
      expect(proxy.exitCode).toBe(null);
      const { comm } = await connectWith(settingsFor(sshd, { ssh_proxy_host: '127.0.0.1', ssh_proxy_port: socksPort }));
      expect(await outputOf(comm, 'echo via proxy')).toEqual(['via proxy']);
      comm.close();
    } finally {
      proxy.kill();
    }
  });

  it('opens local and remote tunnels', async () => {
    const localPort = await freePort();
    const hostService = createServer((s) => s.end('hello from the build host\n')).listen(0, '127.0.0.1');
    await new Promise((r) => hostService.once('listening', r));
    const servicePort = (hostService.address() as { port: number }).port;
    const remotePort = await freePort();
    const { comm } = await connectWith(
      settingsFor(sshd, { ssh_local_tunnels: [`${localPort}:127.0.0.1:${sshd.port}`], ssh_remote_tunnels: [`${remotePort}:127.0.0.1:${servicePort}`] }),
    );
    try {
      const banner = await new Promise<string>((resolve, reject) => {
        const s = connect(localPort, '127.0.0.1');
        s.once('data', (d) => {
          s.destroy();
          resolve(d.toString());
        });
        s.on('error', reject);
      });
      expect(banner).toMatch(/^SSH-2\.0-OpenSSH/);
      expect(await outputOf(comm, `python3 -c "import socket; s=socket.create_connection(('127.0.0.1', ${remotePort})); print(s.recv(100).decode().strip())"`)).toEqual(['hello from the build host']);
    } finally {
      comm.close();
      hostService.close();
    }
  });

  it('runs commands in a pty with ssh_pty', async () => {
    const { comm } = await connectWith(settingsFor(sshd, { ssh_pty: true }));
    expect((await outputOf(comm, 'tty'))[0]).toMatch(/^\/dev\/pts\/\d+$/);
    comm.close();
    const plain = await connectWith(settingsFor(sshd));
    const out: string[] = [];
    await plain.comm.run('tty', { stdout: (l) => out.push(l), signal });
    expect(out).toEqual(['not a tty']);
    plain.comm.close();
  });

  it('pauses before connecting', async () => {
    const started = Date.now();
    const { comm, lines } = await connectWith(settingsFor(sshd, { pause_before_connecting: '1s' }));
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    expect(lines).toEqual(['==> Pausing 1s before connecting...', '==> Waiting for SSH to become available...', '==> Connected to SSH!']);
    comm.close();
  });

  it('drops a silent connection after ssh_read_write_timeout', async () => {
    const { comm } = await connectWith(settingsFor(sshd, { ssh_read_write_timeout: '1s', ssh_keep_alive_interval: '0s' }));
    const started = Date.now();
    const { exitCode } = await comm.run('sleep 4; echo late', { signal });
    expect(exitCode).toBe(DISCONNECTED);
    expect(Date.now() - started).toBeLessThan(3500);
    comm.close();
  });

  it('keeps an idle connection open with keep-alives', async () => {
    const { comm } = await connectWith(settingsFor(sshd, { ssh_read_write_timeout: '2s', ssh_keep_alive_interval: '500ms' }));
    expect(await outputOf(comm, 'sleep 3; echo alive')).toEqual(['alive']);
    comm.close();
  });
});

describe('ssh communicator: faults', () => {
  let keys: TestKeys;
  let sshd: TestSshd;

  beforeAll(async () => {
    keys = makeTestKeys();
    sshd = await startSshd(keys);
  });
  afterAll(async () => {
    await sshd?.stop();
  });

  it('fails after the handshake attempts with the server\'s reason when the key is wrong', async () => {
    const started = Date.now();
    const err = await connectWith(settingsFor(sshd, { ssh_private_key_file: keys.strangerKey, ssh_handshake_attempts: 2, ssh_timeout: '5m' })).catch((e: Error) => e);
    expect(err).toBeInstanceOf(Error);
    expect((err as Error).message).toMatch(/authentication error.*unable to authenticate as "root".*the server accepts: publickey, password.*after 2 handshake attempts/);
    expect(Date.now() - started).toBeLessThan(15_000);
  });

  it('fails after the handshake attempts when the password is wrong', async () => {
    const err = await connectWith(settingsFor(sshd, { ssh_username: PASSWORD_USER, ssh_private_key_file: undefined, ssh_password: 'wrong', ssh_handshake_attempts: 1 })).catch((e: Error) => e);
    expect((err as Error).message).toMatch(/unable to authenticate as "tsbuildtest"/);
    expect(sshd.log()).toMatch(/Failed password for tsbuildtest/);
  });

  it('retries with progress until ssh_timeout when nothing listens', async () => {
    const port = await freePort();
    const started = Date.now();
    const { ui, lines } = lineUi();
    const err = await SshCommunicator.connect(settingsFor(sshd, { ssh_port: port, ssh_timeout: '3s' }), { ui, signal, env: process.env }).catch((e: Error) => e);
    const elapsed = Date.now() - started;
    expect((err as Error).message).toBe(`Timeout waiting for SSH. Last error: dial tcp 127.0.0.1:${port}: connect: connection refused`);
    expect(elapsed).toBeGreaterThanOrEqual(2900);
    expect(elapsed).toBeLessThan(6000);
    expect(lines).toEqual(['==> Waiting for SSH to become available...']);
  });

  it('connects once a late server comes up (a machine still booting)', async () => {
    // The server goes down, and is back 3 s later; connecting starts once it is seen down.
    const down = Date.now();
    execSync(sshd.rebootCommand(3));
    await waitFor(async () => !(await canConnect(sshd.port)), { what: 'the server to go down' });
    const { comm, lines } = await connectWith(settingsFor(sshd, { ssh_timeout: '30s' }));
    expect(Date.now() - down).toBeGreaterThanOrEqual(3000);
    expect(lines).toEqual(['==> Waiting for SSH to become available...', '==> Connected to SSH!']);
    comm.close();
  });

  it('stops waiting when cancelled', async () => {
    const port = await freePort();
    const ac = new AbortController();
    const { ui, lines } = lineUi();
    const outcome = SshCommunicator.connect(settingsFor(sshd, { ssh_port: port, ssh_timeout: '1m' }), { ui, signal: ac.signal, env: process.env }).then(
      () => 'connected',
      (e: Error) => e.message,
    );
    await waitFor(() => lines.includes('==> Waiting for SSH to become available...'), { what: 'the wait for SSH to begin' });
    const cancelled = Date.now();
    ac.abort();
    expect(await outcome).toMatch(/cancelled/);
    expect(Date.now() - cancelled).toBeLessThan(3000);
  });
});
