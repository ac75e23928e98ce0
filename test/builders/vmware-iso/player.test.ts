// vmware-iso under VMware Player (vmplayer on PATH, no vmware): the recording stand-in for VMware's tools
// (test/support/vmware-standin) sees every vmrun call made with -T player, as Packer's Player driver makes them; a
// build interrupted (Ctrl-C) while it waits for SSH stops the machine with `vmrun -T player stop <vmx> hard` and
// removes the output directory.

import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildAndInterrupt } from '../../support/cli.js';
import { makeStandin, STANDIN_BIN, standinTemplate, type Standin } from '../../support/vmware-standin/setup.js';

let standin: Standin;
let dir: string;
let bin: string;

beforeEach(() => {
  standin = makeStandin();
  dir = mkdtempSync(join(tmpdir(), 'tsbuild-vmware-player-'));
  // Player's tools: vmplayer (looked for, never run: it would fail the test), and the stand-in's vmrun and vdiskmanager.
  bin = join(dir, 'bin');
  mkdirSync(bin);
  writeFileSync(join(bin, 'vmplayer'), '#!/bin/sh\necho "vmplayer is not run by the builder" >&2\nexit 1\n');
  chmodSync(join(bin, 'vmplayer'), 0o755);
  for (const tool of ['vmrun', 'vmware-vdiskmanager']) {
    writeFileSync(join(bin, tool), `#!/bin/sh\nexec "${join(STANDIN_BIN, tool)}" "$@"\n`);
    chmodSync(join(bin, tool), 0o755);
  }
  writeFileSync(join(dir, 'installer.iso'), 'not really an ISO\n');
  writeFileSync(join(dir, 'main.pkr.hcl'), standinTemplate('  ssh_username = "root"\n  ssh_password = "not-a-password"\n  ssh_port = 1\n  ssh_timeout = "5m"\n'));
});
afterEach(() => {
  standin.remove();
  rmSync(dir, { recursive: true, force: true });
});

const env = () => standin.env({ PATH: `${bin}:${process.env.PATH}`, TSBUILD_STATE_DIR: join(dir, 'state') });
/** Whether the stand-in's `vmrun -T player list` lists the machine. */
const running = () => execFileSync(join(bin, 'vmrun'), ['-T', 'player', 'list'], { env: { ...process.env, ...env() }, encoding: 'utf8' }).includes(join(dir, 'out', 'vm.vmx'));

describe('vmware-iso under VMware Player', () => {
  it('stops the machine with vmrun -T player and removes the output directory after Ctrl-C while waiting for SSH', async () => {
    const r = await buildAndInterrupt(['-color=false', '.'], {
      cwd: dir,
      env: env(),
      marker: 'Waiting for SSH to become available',
      ready: { check: running, what: 'the machine to run' },
    });
    expect(r.sent, r.out).toBe(true);
    expect(r.code).not.toBe(0);
    const vmrun = standin.calls().filter((c) => c[0] === 'vmrun');
    expect(vmrun.map((c) => c.slice(1, 4).join(' '))).toEqual(expect.arrayContaining(['-T player start', '-T player stop']));
    expect(vmrun.every((c) => c[1] === '-T' && c[2] === 'player')).toBe(true);
    expect(vmrun.at(-1)).toEqual(['vmrun', '-T', 'player', 'stop', 'out/vm.vmx', 'hard']);
    expect(standin.calls().map((c) => c[0])).not.toContain('vmware');
    expect(running()).toBe(false);
    expect(existsSync(join(dir, 'out'))).toBe(false);
    expect(r.out).toContain('Deleting output directory...');
  }, 120_000);
});
