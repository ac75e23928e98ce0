// vmware-iso killed with -9 while the machine runs (the recording stand-in for VMware's tools,
// test/support/vmware-standin): the machine is in the run's journal from before `vmrun start`, and `tsbuild cleanup`
// stops it with `vmrun -T ws stop <vmx> hard`, as the driver does; a second cleanup has nothing to do. A build that
// ends normally leaves no journal.

import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findJournals } from '../../../src/journal/journal.js';
import { runCli, startCli } from '../../support/cli.js';
import { makeStandin, STANDIN_BIN, standinTemplate, type Standin } from '../../support/vmware-standin/setup.js';
import { waitFor } from '../../support/wait.js';

let standin: Standin;
let dir: string;

beforeEach(() => {
  standin = makeStandin();
  dir = mkdtempSync(join(tmpdir(), 'tsbuild-vmware-kill-'));
  writeFileSync(join(dir, 'installer.iso'), 'not really an ISO\n');
});
afterEach(() => {
  standin.remove();
  rmSync(dir, { recursive: true, force: true });
});

const vmx = () => join(dir, 'out', 'vm.vmx');
const env = () => standin.env({ TSBUILD_STATE_DIR: join(dir, 'state') });
/** The machines the run's journal lists now. */
const journaled = () => findJournals(join(dir, 'state', 'journal')).flatMap((j) => j.outstanding.filter((r) => r.kind === 'vmware-vm'));
/** Whether the stand-in's `vmrun list` lists the machine (asked as the build does). */
function running(): boolean {
  return execFileSync(join(STANDIN_BIN, 'vmrun'), ['-T', 'ws', 'list'], { env: { ...process.env, ...env() }, encoding: 'utf8' }).includes(vmx());
}

function template(extra = ''): void {
  mkdirSync(join(dir, 'state'), { recursive: true });
  writeFileSync(join(dir, 'main.pkr.hcl'), standinTemplate(extra));
}

describe('vmware-iso and the journal', () => {
  it('after kill -9 while the machine runs, tsbuild cleanup stops it with vmrun stop hard; a second cleanup has nothing to do', async () => {
    // SSH never comes up (nothing listens on port 1): the build waits with the machine running.
    template('  ssh_username = "root"\n  ssh_password = "x"\n  ssh_port = 1\n  ssh_timeout = "5m"\n');
    const run = startCli(['build', '-color=false', '.'], { cwd: dir, env: env() });
    try {
      await waitFor(() => /Waiting for SSH to become available/.test(run.output()) && journaled().length > 0, { what: 'the machine running and in the journal', timeoutMs: 60_000 });
      const [record] = journaled();
      expect(record!.data).toMatchObject({ vmx: vmx(), product: 'ws', vmrun: join(STANDIN_BIN, 'vmrun') });
      run.kill('SIGKILL');
      await run.exited;
    } finally {
      run.kill('SIGKILL');
    }
    expect(running()).toBe(true);
    const before = standin.calls().length;
    const cleanup = await runCli(['cleanup'], { cwd: dir, env: env() });
    expect(cleanup.code, cleanup.stdout + cleanup.stderr).toBe(0);
    expect(cleanup.stdout).toContain(`Stopped VMware machine ${vmx()} (${join(STANDIN_BIN, 'vmrun')} -T ws stop ${vmx()} hard) (build vmware-iso.x, run `);
    expect(standin.calls().slice(before)).toContainEqual(['vmrun', '-T', 'ws', 'stop', vmx(), 'hard']);
    expect(running()).toBe(false);
    expect(journaled()).toEqual([]);
    const again = await runCli(['cleanup'], { cwd: dir, env: env() });
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('Nothing to clean up');
  }, 120_000);

  it('a machine the failed build stopped is crossed out of the journal; a build that ends normally leaves no journal', async () => {
    template('  ssh_username = "root"\n  ssh_password = "x"\n  ssh_port = 1\n  ssh_timeout = "2s"\n');
    const failed = await runCli(['build', '-color=false', '.'], { cwd: dir, env: env() });
    expect(failed.code, failed.stdout + failed.stderr).toBe(1);
    expect(failed.stdout + failed.stderr).toContain('Timeout waiting for SSH.');
    expect(standin.calls()).toContainEqual(['vmrun', '-T', 'ws', 'stop', 'out/vm.vmx', 'hard']);
    expect(running()).toBe(false);
    expect(journaled()).toEqual([]);
    template('  communicator = "none"\n');
    const r = await runCli(['build', '-color=false', '-force', '.'], { cwd: dir, env: env() });
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(findJournals(join(dir, 'state', 'journal'))).toEqual([]);
  }, 60_000);
});
