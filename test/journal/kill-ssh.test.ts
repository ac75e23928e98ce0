// kill -9 of a null-over-SSH build at every step boundary, then `tsbuild cleanup`: no file the shell provisioner
// uploaded is left on the machine, no temporary folder, no journal; a second cleanup finds nothing. SIGINT and
// SIGTERM at the same moments leave nothing without a cleanup. A build made
// with a password cannot be reached again: cleanup says so and what to remove by hand, and keeps the record.
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildAndInterrupt, runCli } from '../support/cli.js';
import { RUNNING, scriptPathIn, TO_TARGET_WITH_VAR_FILE, useRemoteBench, type RemoteProject } from '../support/remote-project.js';
import { PASSWORD, PASSWORD_USER, startAgent } from '../support/sshd.js';

const bench = useRemoteBench();

function project(source: string): RemoteProject {
  return bench.project(source, TO_TARGET_WITH_VAR_FILE);
}

/** kill -9 once `marker` is printed, then cleanup: everything gone, and a second cleanup finds nothing. */
async function killThenCleanup(p: RemoteProject, marker: string, env: Record<string, string> = {}) {
  const killed = await buildAndInterrupt(['-color=false', 't.pkr.hcl'], { cwd: p.dir, marker, signal: 'SIGKILL', env: { ...p.env, ...env } });
  expect(killed.sent, killed.out).toBe(true);
  const cleanup = await runCli(['cleanup'], { cwd: p.dir, env: { ...p.env, ...env } });
  expect(cleanup.code, cleanup.stdout + cleanup.stderr).toBe(0);
  expect(readdirSync(p.remote)).toEqual([]);
  expect(readdirSync(p.tmp)).toEqual([]);
  expect(p.journals()).toEqual([]);
  const again = await runCli(['cleanup'], { cwd: p.dir, env: p.env });
  expect(again).toMatchObject({ code: 0 });
  expect(again.stdout).toContain('Nothing to clean up');
  return { killed, cleanup };
}

// The lines that start each step of the build, in order; the last one is printed by the command on the machine.
const BOUNDARIES = ['Using ssh communicator to connect', 'Connected to SSH!', 'Provisioning with shell script', RUNNING];

describe('kill -9 of a null-over-SSH build, then tsbuild cleanup', () => {
  it.each(BOUNDARIES)('killed at "%s"', async (marker) => {
    const p = project(bench.rootLogin());
    const { killed, cleanup } = await killThenCleanup(p, marker);
    if (marker === RUNNING) {
      const script = scriptPathIn(killed.out)!;
      expect(cleanup.stdout).toContain(`Removed remote file ${script} on root@127.0.0.1:${bench.sshd.port} (build null.t, run `);
      expect(cleanup.stdout).toMatch(new RegExp(`Removed remote file ${p.remote}/varfile_\\d+\\.sh on root@`));
    }
  });

  it('reconnects through ssh-agent when the build used it', async () => {
    const agent = await startAgent([bench.keys.key]);
    try {
      const p = project('  ssh_username = "root"\n  ssh_agent_auth = true');
      const { cleanup } = await killThenCleanup(p, RUNNING, { SSH_AUTH_SOCK: agent.socket });
      expect(cleanup.stdout).toContain(`Removed remote file ${p.remote}/script_`);
    } finally {
      agent.stop();
    }
  });
});

describe('SIGINT and SIGTERM at every step boundary of a null-over-SSH build', () => {
  const cases = (['SIGINT', 'SIGTERM'] as const).flatMap((sig) => BOUNDARIES.map((marker) => [sig, marker] as const));
  it.each(cases)('%s at "%s" leaves nothing', async (sig, marker) => {
    const p = project(bench.rootLogin());
    const r = await buildAndInterrupt(['-color=false', 't.pkr.hcl'], { cwd: p.dir, marker, signal: sig, env: p.env });
    expect(r.sent, r.out).toBe(true);
    expect(r.code).toBe(1);
    expect(r.out).not.toContain('Could not remove');
    expect(readdirSync(p.remote)).toEqual([]);
    expect(readdirSync(p.tmp)).toEqual([]);
    expect(p.journals()).toEqual([]);
  });
});

describe('kill -9 of a build that logged in with a password', () => {
  it('cleanup cannot connect again: it says why and what to remove by hand, exits 1 and keeps the record', async () => {
    const p = project(`  ssh_username = "${PASSWORD_USER}"\n  ssh_password = "${PASSWORD}"`);
    const killed = await buildAndInterrupt(['-color=false', 't.pkr.hcl'], { cwd: p.dir, marker: RUNNING, signal: 'SIGKILL', env: p.env });
    expect(killed.sent, killed.out).toBe(true);
    const script = scriptPathIn(killed.out)!;
    const [journal] = p.journals();
    const journalPath = join(p.state, 'journal', journal!);
    // Written down without the secret.
    expect(readFileSync(journalPath, 'utf8')).not.toContain(PASSWORD);
    for (const round of [1, 2]) {
      const cleanup = await runCli(['cleanup'], { cwd: p.dir, env: p.env });
      expect(cleanup.code, `round ${round}: ${cleanup.stdout}${cleanup.stderr}`).toBe(1);
      expect(cleanup.stdout).toContain(
        `Could not remove remote file ${script} on ${PASSWORD_USER}@127.0.0.1:${bench.sshd.port} (build null.t, run ${journal!.replace('.jsonl', '')}): ` +
          `the SSH connection to the machine ${PASSWORD_USER}@127.0.0.1:${bench.sshd.port} was made with a password, which tsbuild does not write down: ` +
          `remove ${script} on 127.0.0.1:${bench.sshd.port} by hand\n`,
      );
      expect(p.journals()).toEqual([journal]);
      expect(existsSync(script)).toBe(true);
    }
    // The temporary folder, which needs no secret, went with the first cleanup.
    expect(readdirSync(p.tmp)).toEqual([]);
    rmSync(journalPath);
  });
});
