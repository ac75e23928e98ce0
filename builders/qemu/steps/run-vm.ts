// Packer's stepRun (and, for vnc_use_password, stepConfigureQMP's password): starts QEMU, journals its process
// before anything awaits, and resolves once QEMU runs; cleanup stops it (QMP quit, then signals) whatever happened.

import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Step } from '../../../src/engine/steps.js';
import { recordVmProcess } from '../../../src/journal/vm-process.js';
import { errorMessage } from '../../../src/plugin/errors.js';
import { qemuCommandArgs } from '../args.js';
import type { QemuState } from '../state.js';
import { forwardAddress } from './find-ports.js';

/** A path for the builder's QMP socket short enough for a unix socket (108 bytes). */
function monitorSocket(tempDir: string): string {
  const path = join(tempDir, `qmp-${randomBytes(4).toString('hex')}.sock`);
  return path.length < 100 ? path : join(mkdtempSync(join(tmpdir(), 'tsq-')), 'qmp.sock');
}

/** Packer's note for headless builds: where to watch the screen. */
function vncMessage(address: string, password: string | undefined): string {
  if (password) return `The VM will be run headless, without a GUI. If you want to\nview the screen of the VM, connect via VNC to vnc://${address}\nwith the password: ${password}`;
  return `The VM will be run headless, without a GUI. If you want to\nview the screen of the VM, connect via VNC without a password to\nvnc://${address}`;
}

export const stepRunVm: Step<QemuState> = {
  name: 'stepRun',
  run: async (state, ctx) => {
    const { config: c, settings: s } = state;
    ctx.ui.say(c.disk_image ? 'Starting VM, booting disk image' : 'Starting VM, booting from CD-ROM');
    if (s.accelerator === 'none') ctx.ui.message('WARNING: The VM will be started with no hardware acceleration.\nThe installation may take considerably longer to finish.\n');
    const args = qemuCommandArgs(c, s, {
      isoPath: c.disk_image ? undefined : state.isoPath,
      cdPath: state.cdPath,
      floppyPath: state.floppyPath,
      diskPaths: state.diskPaths,
      vncPort: state.vncPort,
      hostPort: state.hostPort,
      guestPort: c.ssh_port,
      hostAddress: forwardAddress(c.ssh_host || '127.0.0.1'),
      httpIp: '10.0.2.2',
      httpPort: state.httpPort ?? 0,
    });
    if ((c.qemuargs?.length ?? 0) > 0) ctx.ui.say('Overriding default Qemu arguments with qemuargs template option...');
    if (c.headless && state.vncPort !== undefined) {
      if (c.vnc_use_password) state.vncPassword = randomBytes(6).toString('base64url').slice(0, 8);
      ctx.ui.message(vncMessage(`${c.vnc_bind_address}:${state.vncPort - 5900}`, state.vncPassword));
    }
    try {
      state.vm = await state.driver.startVm(c.qemu_binary, args, {
        qmpSocket: monitorSocket(ctx.tempDir),
        signal: ctx.signal,
        onSpawn: (pid) => (state.vmRecord = recordVmProcess(ctx.journal, ctx.buildName, `QEMU VM ${s.vmName} (pid ${pid})`, pid)),
      });
    } catch (e) {
      if (state.vmRecord) ctx.journal.forget(state.vmRecord);
      state.vmRecord = undefined;
      if (ctx.signal.aborted) throw e;
      throw new Error(`Error launching VM: ${errorMessage(e)}`, { cause: e });
    }
    if (c.vnc_use_password && state.vncPort !== undefined) {
      state.vncPassword ??= randomBytes(6).toString('base64url').slice(0, 8);
      await state.vm.qmp('change-vnc-password', { password: state.vncPassword }).catch((e: unknown) => {
        throw new Error(`Error setting the VNC password: ${errorMessage(e)}`, { cause: e });
      });
    }
  },
  cleanup: async (state, ctx) => {
    const { vm, vmRecord } = state;
    if (vm?.running()) {
      // -on-error=abort skips this: the VM stays, and `tsbuild cleanup` finds it in the journal.
      await vm.stop().catch((e: unknown) => ctx.ui.error(`Error shutting down VM: ${errorMessage(e)}`));
    }
    if (vmRecord && !vm?.running()) {
      ctx.journal.forget(vmRecord);
      state.vmRecord = undefined;
    }
  },
};
