// The wait for SSH behind a forwarder that accepts for a machine not yet listening (QEMU's user network): a silent
// connection is raced by fresh ones, and connections closed before any SSH exchange are not refused logins.

import { connect, createServer, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SshCommunicator } from '../../../src/communicator/ssh/communicator.js';
import { makeTestKeys, startSshd, type TestSshd } from '../../support/sshd.js';
import { waitFor } from '../../support/wait.js';
import { lineUi, settingsFor } from './helpers.js';

type Mode = 'silent' | 'close' | 'forward';

/** A port that, by mode, holds connections silently, closes them at once, or forwards them to `target`. */
async function startForwarder(target: TestSshd) {
  const held: Socket[] = [];
  const seen = { silent: 0, close: 0, forward: 0 };
  let mode: Mode = 'silent';
  const server: Server = createServer((sock) => {
    seen[mode]++;
    if (mode === 'close') return sock.destroy();
    if (mode === 'silent') return void held.push(sock.on('error', () => undefined));
    const up = connect(target.port, target.host);
    sock.on('error', () => up.destroy());
    up.on('error', () => sock.destroy());
    sock.pipe(up).pipe(sock);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    port: (server.address() as { port: number }).port,
    seen,
    set: (m: Mode) => (mode = m),
    stop: () => {
      for (const s of held) s.destroy();
      server.close();
    },
  };
}

describe('waiting for SSH behind a forwarder', () => {
  let sshd: TestSshd;
  beforeAll(async () => {
    sshd = await startSshd(makeTestKeys());
  });
  afterAll(async () => {
    await sshd?.stop();
  });

  it('connects soon after the machine listens, though the first connection the forwarder accepted stays silent', async () => {
    const fwd = await startForwarder(sshd);
    try {
      const { ui, lines } = lineUi();
      const connecting = SshCommunicator.connect(settingsFor({ ...sshd, port: fwd.port }, { ssh_timeout: '2m' }), { ui, signal: new AbortController().signal, env: process.env });
      await waitFor(() => fwd.seen.silent >= 1, { timeoutMs: 20_000, what: 'a first connection' });
      fwd.set('forward');
      const listening = Date.now();
      const comm = await connecting;
      // A single attempt would wait out its 30 s handshake limit.
      expect(Date.now() - listening).toBeLessThan(15_000);
      expect(lines).toContain('==> Connected to SSH!');
      comm.close();
    } finally {
      fwd.stop();
    }
  });

  it('does not count connections closed before the SSH exchange as handshake attempts', async () => {
    const fwd = await startForwarder(sshd);
    try {
      fwd.set('close');
      const { ui } = lineUi();
      const connecting = SshCommunicator.connect(settingsFor({ ...sshd, port: fwd.port }, { ssh_timeout: '2m', ssh_handshake_attempts: 1 }), { ui, signal: new AbortController().signal, env: process.env });
      await waitFor(() => fwd.seen.close >= 3, { timeoutMs: 20_000, what: 'three closed connections' });
      fwd.set('forward');
      const comm = await connecting;
      comm.close();
    } finally {
      fwd.stop();
    }
  });
});
