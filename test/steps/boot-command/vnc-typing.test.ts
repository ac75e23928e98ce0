// The boot command typed over VNC into a real VM: QEMU (TCG) boots the tiny ISO to its GRUB menu; the step types a
// kernel command line at GRUB's prompt that tells the guest where to fetch its SSH key: the build's HTTP server
// step. SSH answering with that key proves every key arrived (shifted ones included). One VM boot per run.

import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect } from 'vitest';
import { generateKeyPair } from '../../../src/communicator/ssh/keypair.js';
import { connectRfb } from '../../../src/providers/vnc/rfb-client.js';
import { stepTypeBootCommand, type BootTarget } from '../../../src/steps/boot-command/step.js';
import type { BootCommandConfig } from '../../../src/steps/boot-command/config.js';
import { stepHttpServer, type HttpConfig, type HttpState } from '../../../src/steps/http-server.js';
import { testContext } from '../../engine/helpers.js';
import { needs } from '../../support/needs.js';
import { freePortFrom, qemuIso, startVm, tinyIso, type TestVm } from '../../support/qemu.js';
import { freePort, waitFor } from '../../support/wait.js';

const run = promisify(execFile);
const PASSWORD = 'Pw-4vnc';

needs(qemuIso).describe('boot command over VNC into QEMU', () => {
  let iso: string;
  let vm: TestVm | undefined;
  let keyDir: string;

  beforeAll(() => {
    iso = tinyIso();
    keyDir = mkdtempSync(join(tmpdir(), 'tsbuild-vnc-test-'));
  }, 300_000);

  afterAll(async () => {
    await vm?.stop();
    rmSync(keyDir, { recursive: true, force: true });
  });

  const it = needs(qemuIso).it;

  it('connects to a VNC server without a password, and says why one with a password refuses a wrong one', async () => {
    const paused = await startVm({ iso, paused: true });
    try {
      const c = await connectRfb({ host: '127.0.0.1', port: paused.vncPort });
      expect(c.width).toBeGreaterThan(0);
      c.close();
    } finally {
      await paused.stop();
    }
    const locked = await startVm({ iso, paused: true, vncPassword: PASSWORD });
    try {
      await expect(connectRfb({ host: '127.0.0.1', port: locked.vncPort, password: 'wrong' })).rejects.toThrow(/VNC authentication failed/);
      await expect(connectRfb({ host: '127.0.0.1', port: locked.vncPort })).rejects.toThrow(/offers security types 2/);
      const c = await connectRfb({ host: '127.0.0.1', port: locked.vncPort, password: PASSWORD });
      c.close();
    } finally {
      await locked.stop();
    }
  }, 120_000);

  it('waits for the VNC server to listen, within a bound', async () => {
    const port = await freePortFrom(6100);
    const ctx = testContext();
    const step = stepTypeBootCommand<object>(
      () => ({ boot_wait: '-1s', boot_command: [] }),
      () => ({ vncHost: '127.0.0.1', vncPort: port, httpIp: '10.0.2.2', httpPort: 0, name: 'vm' }),
    );
    const typing = step.run({}, ctx);
    await waitFor(() => ctx.lines.includes(`==> t: Connecting to VM via VNC (127.0.0.1:${port})`), { what: 'the step to try VNC' });
    const late = await startVm({ iso, paused: true, vncPort: port });
    try {
      await typing;
    } finally {
      await late.stop();
    }
    // A port outside the VM tests' range (the one above may be taken by another file's VM once this one stopped).
    const closed = await freePort();
    const never = stepTypeBootCommand<object>(
      () => ({ boot_wait: '-1s', boot_command: ['a'] }),
      () => ({ vncHost: '127.0.0.1', vncPort: closed, httpIp: '10.0.2.2', httpPort: 0, name: 'vm' }),
      { vncListenTimeoutMs: 300 },
    );
    await expect(never.run({}, testContext())).rejects.toThrow(`Error connecting to VNC: dial tcp 127.0.0.1:${closed}: connect: connection refused`);
  }, 120_000);

  it('types the boot command at the GRUB prompt: the guest fetches its SSH key from the HTTP step and lets SSH in', async () => {
    const pair = await generateKeyPair('ed25519', undefined, 'tsbuild-vnc-test');
    const keyFile = join(keyDir, 'id');
    writeFileSync(keyFile, pair.privateKey, { mode: 0o600 });
    vm = await startVm({ iso, vncPassword: PASSWORD });
    const seen: string[] = [];
    const http: HttpConfig = { http_content: { '/key': `${pair.publicKey}\n` }, http_port_min: 8000, http_port_max: 9000, http_bind_address: '127.0.0.1' };
    // Two boot commands, each typed by the step: `c` leaves the menu for GRUB's prompt, whose redraw takes longer
    // than 15 keys (the BIOS keyboard buffer) take; the second is typed once the prompt shows. (A template would
    // write `c<wait>...`.) 25 ms between key events, not Packer's 100: QEMU's PS/2 queue holds 16 bytes, which a
    // guest slowed by a loaded machine still drains in time at this pace.
    const menu: BootCommandConfig = { boot_wait: '-1s', boot_key_interval: '25ms', boot_command: ['c'] };
    const boot: BootCommandConfig = {
      boot_wait: '-1s',
      boot_key_interval: '25ms',
      boot_command: [
        'linux /boot/vmlinuz console=ttyS0 tsbuild.note=Typed_{{ .Name }}! ',
        'tsbuild.key=http://{{ .HTTPIP }}:{{ .HTTPPort }}/key; initrd /boot/initrd.gz; boot<enter>',
      ],
    };
    interface State extends HttpState {
      vm: TestVm;
    }
    const state: State = { vm };
    const target = (s: State): BootTarget => ({ vncHost: '127.0.0.1', vncPort: s.vm.vncPort, vncPassword: PASSWORD, httpIp: '10.0.2.2', httpPort: s.httpPort!, name: 'tinyVM' });
    const ctx = testContext();
    const httpStep = stepHttpServer<State>(() => http);
    await httpStep.run(state, ctx);
    try {
      state.httpServer!.on('request', (req: { url?: string }) => seen.push(req.url ?? ''));
      // GRUB draws its menu on the serial port too: typing starts once it is there.
      await vm.waitSerial('tiny (no SSH key', 120_000);
      await stepTypeBootCommand<State>(() => menu, target).run(state, ctx);
      await vm.waitSerial('grub> ', 60_000);
      await stepTypeBootCommand<State>(() => boot, target).run(state, ctx);
      expect(ctx.lines).toContain('==> t: Connecting to VM via VNC (127.0.0.1:' + vm.vncPort + ')');
      expect(ctx.lines).toContain('==> t: Typing the boot command over VNC...');
      await waitFor(() => seen.includes('/key'), { what: `the guest to fetch /key from the HTTP step (its console: ${vm.serial().slice(-1500)})`, timeoutMs: 180_000, intervalMs: 200 });
      const ssh = ['-i', keyFile, '-p', String(vm.sshPort), '-o', 'StrictHostKeyChecking=no', '-o', 'UserKnownHostsFile=/dev/null', '-o', 'BatchMode=yes', '-o', 'ConnectTimeout=5', 'root@127.0.0.1', 'cat /proc/cmdline'];
      const out = await waitFor(() => run('ssh', ssh).then((r) => r.stdout, () => ''), { what: 'SSH to answer with the fetched key', timeoutMs: 120_000, intervalMs: 500 });
      expect(out.trim()).toBe(`BOOT_IMAGE=/boot/vmlinuz console=ttyS0 tsbuild.note=Typed_tinyVM! tsbuild.key=http://10.0.2.2:${state.httpPort}/key`);
    } finally {
      await httpStep.cleanup!(state, { ...ctx, outcome: { halted: false, cancelled: false } });
    }
  }, 600_000);
});
