// What the shell provisioner uploads (its script, its variables file) is removed from the machine when the build
// is interrupted while the script runs, or when the command fails with the connection, on a session of its own;
// and it says so when it cannot.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildAndInterrupt, CLI, runCli } from '../support/cli.js';
import { RUNNING, scriptPathIn, TO_TARGET_WITH_VAR_FILE, useRemoteBench } from '../support/remote-project.js';
import { startSshd } from '../support/sshd.js';
import { waitFor } from '../support/wait.js';

const bench = useRemoteBench();

describe('interrupting a build while the shell provisioner\'s command runs on an SSH machine', () => {
  it.each(['SIGINT', 'SIGTERM'] as const)('%s: the script and the variables file are removed, and it says so', async (signal) => {
    // Every file the provisioner puts in its remote_folder, a folder of the test's, is counted.
    const p = bench.project(bench.rootLogin(), TO_TARGET_WITH_VAR_FILE);
    const r = await buildAndInterrupt(['-color=false', 't.pkr.hcl'], { cwd: p.dir, marker: RUNNING, signal, env: p.env });
    expect(r.sent, r.out).toBe(true);
    expect(r.code, r.out).toBe(1);
    expect(readdirSync(p.remote)).toEqual([]);
    const script = scriptPathIn(r.out)!;
    expect(script.startsWith(`${p.remote}/script_`), r.out).toBe(true);
    const removed = /==> null\.t: Removed (.*) from the machine\.\n/.exec(r.out)?.[1]?.split(', ') ?? [];
    expect(removed, r.out).toHaveLength(2);
    expect(removed).toContain(script);
    expect(removed.find((f) => f !== script)).toMatch(new RegExp(`^${p.remote}/varfile_\\d+\\.sh$`));
    expect(r.out).not.toContain('Could not remove');
    expect(readdirSync(p.tmp)).toEqual([]);
    expect(p.journals()).toEqual([]);
  });

  it('removes the script from the default remote folder, /tmp', async () => {
    const p = bench.project(bench.rootLogin());
    const r = await buildAndInterrupt(['-color=false', 't.pkr.hcl'], { cwd: p.dir, marker: RUNNING, signal: 'SIGINT', env: p.env });
    expect(r.code, r.out).toBe(1);
    const script = scriptPathIn(r.out)!;
    expect(script, r.out).toMatch(/^\/tmp\/script_\d+\.sh$/);
    expect(existsSync(script)).toBe(false);
    expect(r.out).toContain(`Removed ${script} from the machine.`);
    expect(p.journals()).toEqual([]);
  });
});

describe('a machine that is gone when the command fails', () => {
  it('says the script could not be removed and why, and keeps it written down for tsbuild cleanup', async () => {
    const server = await startSshd(bench.keys);
    const p = bench.project(bench.rootLogin(), (remote) => `    remote_folder = "${remote}"`, server);
    const child = spawn(process.execPath, [CLI, 'build', '-color=false', 't.pkr.hcl'], { cwd: p.dir, env: { ...process.env, ...p.env } });
    try {
      let out = '';
      child.stdout.on('data', (d: Buffer) => (out += d));
      child.stderr.on('data', (d: Buffer) => (out += d));
      const closed = new Promise<number | null>((done) => child.on('close', done));
      await waitFor(() => out.includes(RUNNING), { what: 'the remote command to run' });
      // The server stops (its sessions with it): the command ends with the connection, and nothing answers again.
      await server.stop();
      const code = await closed;
      expect(code, out).toBe(1);
      const script = scriptPathIn(out)!;
      expect(out).toContain('Script disconnected unexpectedly.');
      expect(out).toContain(`==> null.t: Could not remove ${script} from the machine: no answer within 5s; \`tsbuild cleanup\` will try again`);
      expect(readdirSync(p.remote)).toEqual([basename(script)]);
      const [journal] = p.journals();
      expect(journal).toBeDefined();
      expect(readFileSync(join(p.state, 'journal', journal!), 'utf8')).toContain(`remote file ${script} on root@127.0.0.1:${server.port}`);
      const cleanup = await runCli(['cleanup'], { cwd: p.dir, env: p.env });
      expect(cleanup.code).toBe(1);
      expect(cleanup.stdout).toContain(`Could not remove remote file ${script} on root@127.0.0.1:${server.port} (build null.t, run `);
      expect(cleanup.stdout).toContain(`could not connect to root@127.0.0.1:${server.port}: dial tcp 127.0.0.1:${server.port}: connect: connection refused`);
      expect(p.journals()).toEqual([journal]);
    } finally {
      child.kill('SIGKILL');
      await server.stop();
    }
  });
});
